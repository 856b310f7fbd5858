import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN

/// `latent encode RUN`: a trained model's representation of a data set or a folder of images, written as
/// a safetensors file of codes (and labels when the images have them).
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Map images to vectors with a trained model (an encoder's codes, a discriminator's features, cluster logits).",
        discussion: "Writes a safetensors file holding `codes` (Float32, [N, d]) and, when the images have classes, "
            + "`labels` (Int64, [N]), with the run, layer and source in its metadata. The file is replaced atomically.")

    @Argument(help: ArgumentHelp("The run directory of the trained model.", valueName: "run"))
    var runDirectory: String

    @Option(help: "The data set to encode (such as mnist); give this or --input.")
    var dataset: String?

    @Option(help: ArgumentHelp("A folder of PNG or JPEG images to encode (class folders give labels); give this or --dataset.", valueName: "dir"))
    var input: String?

    @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: "The data set's split: train or test.")
    var split = "test"

    @Option(help: "Encode only the first N images (default: all).")
    var count: Int?

    @Option(help: "The run's representation to write (default: its first); an unknown name lists those it has.")
    var layer: String?

    @Option(help: ArgumentHelp("The safetensors file to write.", valueName: "file"))
    var out: String

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    func validate() throws {
        guard (dataset == nil) != (input == nil) else { throw ValidationError("give exactly one of --dataset and --input") }
        guard DataSplit(rawValue: split) != nil else { throw ValidationError("--split must be train or test, got \"\(split)\"") }
        if let count { try FlagRange.check(count, "--count", in: 1...Int.max) }
        try FlagRange.checkThreads(threads)
        guard out.hasSuffix(".safetensors") else { throw ValidationError("--out must name a .safetensors file, got \"\(out)\"") }
    }

    func run() throws {
        try CommandFailure.reporting {
            Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let destination = URL(fileURLWithPath: out)
            try Self.checkWritable(destination)
            let trained = try TrainedRun(directory: URL(fileURLWithPath: runDirectory), requireGenerator: false)
            let representation = try trained.representation(named: layer)
            let (images, labels, source) = try loadImages(like: trained.configuration)
            guard images.imageShape == trained.sampleShape else {
                throw CommandFailure("model \(trained.entry.name) of \(runDirectory) takes images of shape \(trained.sampleShape), "
                    + "but \(source) holds images of shape \(images.imageShape)")
            }
            let codes = representation.encode(images.images(scaling: trained.entry.scaling))
            var entries = [SafeTensors.Entry("codes", codes)]
            if let labels { entries.append(SafeTensors.Entry("labels", Tensor(labels.map(Float.init), shape: [labels.count]), dtype: .i64)) }
            let metadata = ["run": runDirectory, "layer": representation.name, "kind": representation.kind.rawValue, "source": source]
            try SafeTensors.write(entries, metadata: metadata, to: destination)
            Console.out("\(codes.shape[0]) codes of \(codes.shape[1]) values (\(representation.name)) of \(source)"
                + "\(labels == nil ? "" : ", with labels") written to \(out)")
        }
    }

    /// The images to encode, their labels when they have classes, and a name for messages; a data set's as the
    /// model of a run of `configuration` takes them (its image size).
    private func loadImages(like configuration: RunConfiguration) throws -> (ImageDataset, [Int]?, String) {
        let images: ImageDataset, hasClasses: Bool, source: String
        if let input {
            let folder = try ImageFolder.load(input)
            (images, hasClasses, source) = (folder.dataset, !folder.classNames.isEmpty, input)
        } else {
            let name = dataset ?? ""
            guard let loaded = try TrainingData.dataset(name, split: DataSplit(rawValue: split)!, dataDirectory: dataDir, like: configuration).images
            else {
                throw CommandFailure("data set \(name) holds points, not images")
            }
            (images, hasClasses, source) = (loaded, loaded.classCount > 1, "\(name) \(split)")
        }
        let kept = count.map { images.subset(Array(0..<Swift.min($0, images.count))) } ?? images
        return (kept, hasClasses ? kept.labels : nil, source)
    }

    /// Throws naming `destination` when it is a folder or its folder does not exist, before any work is done.
    private static func checkWritable(_ destination: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandFailure("--out \(destination.path) is a folder; name a .safetensors file")
        }
        let folder = destination.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("--out \(destination.path): folder \(folder) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw CommandFailure("--out \(destination.path): folder \(folder) is not writable")
        }
    }
}
