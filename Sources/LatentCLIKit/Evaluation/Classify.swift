import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN

/// `latent classify RUN`: a trained model with class logits (semi-gan's discriminator) as a classifier of a
/// data set's split, scored by its error; or, with attribute logits (semi-gan on a multi-label data set), as a
/// predictor of the images' binary attributes, scored by the share of attributes it gets wrong.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the classification error of a run's class logits (semi-gan's discriminator) on a data set's split.",
        discussion: """
            Each image's class is the argmax of the run's class logits (`latent cluster --features RUN` lists a run's \
            representations); the error is the fraction of images whose class is not their label. A run trained on \
            binary attributes (semi-gan on celeba) predicts each attribute present where its logit is positive; the \
            error is the fraction of attributes it gets wrong, given in all and per attribute. The checkpoint is \
            RUN/checkpoints/latest.

            Example:
              latent classify runs/semi-gan --dataset mnist --split test --json
            """)

    @Argument(help: ArgumentHelp("The run directory.", valueName: "run"))
    var directory: String

    @Option(help: "The data set (an image data set with labels; default: the run's).")
    var dataset: String?

    @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
    var dataDir: String?

    @Option(help: "The split: train or test.")
    var split = "test"

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard DataSplit(rawValue: split) != nil else { throw ValidationError("--split must be train or test, got \"\(split)\"") }
        try FlagRange.checkThreads(threads)
    }

    func run() throws {
        try CommandFailure.reporting {
            let trained = try TrainedRun(directory: URL(fileURLWithPath: directory), requireGenerator: false)
            Threads.set(threads ?? ProcessInfo.processInfo.activeProcessorCount)
            guard trained.model.classifier != nil || trained.model.attributeClassifier != nil else {
                throw CommandFailure("model \(trained.entry.name) of \(directory) has no class logits to classify with (semi-gan has)")
            }
            let name = dataset ?? trained.configuration.dataset
            let data = try TrainingData.dataset(
                name, split: DataSplit(rawValue: split)!, dataDirectory: dataDir ?? trained.configuration.dataDirectory, like: trained.configuration)
            guard let images = data.images else { throw CommandFailure("data set \(name) holds points, not images") }
            guard images.imageShape == trained.sampleShape else {
                throw CommandFailure("model \(trained.entry.name) takes images of shape \(trained.sampleShape), data set \(name) has \(images.imageShape)")
            }
            if let classifier = trained.model.attributeClassifier {
                try reportAttributes(classifier, images: images, dataset: name, step: trained.step, loader: try trained.entry.evaluationLoader(data))
                return
            }
            guard let classifier = trained.model.classifier, images.classCount > 1 else {
                throw CommandFailure("data set \(name) has no labelled images to classify")
            }
            let measured = try classificationErrors(classifier, data: try trained.entry.evaluationLoader(data))
            let error = Double(measured.errors) / Double(measured.count)
            if json {
                Console.out("{\"run\":\(jsonString(directory)),\"dataset\":\"\(name)\",\"split\":\"\(split)\",\"step\":\(trained.step),"
                    + "\"error\":\(error),\"errors\":\(measured.errors),\"samples\":\(measured.count)}")
            } else {
                Console.out("\(split) error of \(directory) (step \(trained.step)) on \(name): "
                    + String(format: "%.4f", error) + " (\(measured.errors) of \(measured.count) images)")
            }
        }
    }

    /// Prints the share of `images`' attributes that the signs of `classifier`'s logits get wrong, in all and
    /// per attribute; throws when the images carry no attributes.
    private func reportAttributes(_ classifier: Representation, images: ImageDataset, dataset name: String, step: Int, loader: DataLoader) throws {
        guard let attributes = images.attributes else {
            throw CommandFailure("the run predicts binary attributes, but data set \(name) has none")
        }
        let measured = try attributeErrors(classifier, data: loader, attributes: attributes)
        let error = Double(measured.errors) / Double(measured.count)
        let perAttribute = zip(attributes.names, measured.perAttribute).map { ($0, Double($1) / Double(images.count)) }
        if json {
            let fields = perAttribute.map { "\(jsonString($0)):\($1)" }.joined(separator: ",")
            Console.out("{\"run\":\(jsonString(directory)),\"dataset\":\"\(name)\",\"split\":\"\(split)\",\"step\":\(step),"
                + "\"attribute_error\":\(error),\"errors\":\(measured.errors),\"samples\":\(images.count),"
                + "\"attributes\":\(attributes.names.count),\"attribute_errors\":{\(fields)}}")
        } else {
            Console.out("\(split) attribute error of \(directory) (step \(step)) on \(name): " + String(format: "%.4f", error)
                + " (\(measured.errors) of \(measured.count) attributes of \(images.count) images)")
            for (attribute, share) in perAttribute { Console.out("  \(attribute): " + String(format: "%.4f", share)) }
        }
    }
}
