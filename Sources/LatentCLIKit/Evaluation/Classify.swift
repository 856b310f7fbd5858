import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN

/// `latent classify RUN`: a trained model with class logits (semi-gan's discriminator) as a classifier of a
/// data set's split, scored by its error.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the classification error of a run's class logits (semi-gan's discriminator) on a data set's split.",
        discussion: """
            Each image's class is the argmax of the run's class logits (`latent cluster --features RUN` lists a run's \
            representations); the error is the fraction of images whose class is not their label. The checkpoint is \
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
            guard let classifier = trained.model.classifier else {
                throw CommandFailure("model \(trained.entry.name) of \(directory) has no class logits to classify with (semi-gan has)")
            }
            let name = dataset ?? trained.configuration.dataset
            let data = try TrainingData.dataset(
                name, split: DataSplit(rawValue: split)!, dataDirectory: dataDir ?? trained.configuration.dataDirectory, like: trained.configuration)
            guard let images = data.images, images.classCount > 1 else {
                throw CommandFailure("data set \(name) has no labelled images to classify")
            }
            guard images.imageShape == trained.entry.sampleShape else {
                throw CommandFailure("model \(trained.entry.name) takes images of shape \(trained.entry.sampleShape), data set \(name) has \(images.imageShape)")
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
}
