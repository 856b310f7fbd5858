import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport

/// `latent translate RUN --input DIR --out DIR`: a trained translation model (pix2pix, CycleGAN) applied to a
/// folder of the user's own images, each translation written as a PNG file of the same name.
struct Translate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Translate a folder of images with a trained pix2pix or CycleGAN run.",
        discussion: """
            Reads every PNG and JPEG image under --input (as `folder` does), converted to the channels the run's \
            source images have and resized to its side (area averaging to shrink, bilinear to enlarge), and writes \
            each translation to --out as a PNG file named after its image (`a/b.jpg` becomes `a/b.png`). With \
            --inverse, a CycleGAN run translates target images back to sources (G_BA); pix2pix learns one \
            direction. --out must be a new or empty folder. The checkpoint is RUN/checkpoints/latest.

            Example:
              latent translate runs/cyclegan --input my-digits --out translated
            """)

    @Argument(help: ArgumentHelp("The run directory of the trained model.", valueName: "run"))
    var runDirectory: String

    @Option(help: ArgumentHelp("The folder of PNG or JPEG images to translate.", valueName: "dir"))
    var input: String

    @Option(help: ArgumentHelp("The folder to write the translations to (new or empty).", valueName: "dir"))
    var out: String

    @Flag(help: "Translate target images back to sources (CycleGAN's second generator).")
    var inverse = false

    @Option(help: "Images translated at a time.")
    var batchSize = 16

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    func validate() throws {
        try FlagRange.check(batchSize, "--batch-size", in: 1...4096)
        try FlagRange.checkThreads(threads)
    }

    func run() throws {
        try CommandFailure.reporting {
            let destination = URL(fileURLWithPath: out)
            try Self.requireEmptyFolder(destination)
            let trained = try TrainedRun(directory: URL(fileURLWithPath: runDirectory), requireGenerator: false)
            Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
            guard let model = trained.model as? Translating, model.translates else {
                throw CommandFailure("model \(trained.entry.name) of \(runDirectory) does not translate images (pix2pix and cyclegan do)")
            }
            guard let shape = model.sourceShape(inverse: inverse) else {
                throw CommandFailure("model \(trained.entry.name) of \(runDirectory) learns one direction; it has no inverse to translate with")
            }
            guard shape.count == 3, shape[1] == shape[2] else {
                throw CommandFailure("model \(trained.entry.name) of \(runDirectory) reads images of shape \(shape); translate takes square ones")
            }
            let folder = try ImageFolder.load(input, channels: shape[0], side: shape[1])
            let sources = folder.dataset.images(scaling: trained.entry.scaling)
            let names = folder.files.map { Self.outputName(of: $0, under: input) }
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
            for start in stride(from: 0, to: folder.files.count, by: batchSize) {
                let range = start..<min(start + batchSize, folder.files.count)
                guard let translated = model.translate(sources.slice(axis: 0, range: range), inverse: inverse) else {
                    throw CommandFailure("model \(trained.entry.name) of \(runDirectory) gave no translation of \(folder.files[start])")
                }
                for (offset, index) in range.enumerated() {
                    let file = destination.appendingPathComponent(names[index])
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try ImageGrid.save(images: translated.slice(axis: 0, range: offset..<(offset + 1)), to: file.path,
                                       columns: 1, padding: 0, range: PixelRange(trained.entry.scaling))
                }
            }
            Console.out("\(folder.files.count) images of \(input) translated\(inverse ? " back (B → A)" : "") "
                + "by \(runDirectory) (step \(trained.step)) into \(out)")
        }
    }

    /// The PNG name of the translation of `file`, a path under `root`: its path below `root` with the extension `.png`.
    static func outputName(of file: String, under root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let relative = path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : (path as NSString).lastPathComponent
        return (relative as NSString).deletingPathExtension + ".png"
    }

    /// Throws naming `folder` when it is a file or a folder that already holds something, so that no file is replaced.
    private static func requireEmptyFolder(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw CommandFailure("--out \(folder.path) is a file; name a new or empty folder") }
        guard try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty else {
            throw CommandFailure("--out \(folder.path) already holds files; name a new or empty folder")
        }
    }
}
