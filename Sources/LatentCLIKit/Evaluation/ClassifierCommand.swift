import ArgumentParser
import Foundation
import LatentData
import LatentMetrics

/// `latent classifier accuracy`: re-measures a shipped digit classifier on its data set's test split.
struct ClassifierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classifier", abstract: "The shipped digit classifiers behind the digit features.",
        subcommands: [Accuracy.self])

    /// `latent classifier accuracy`.
    struct Accuracy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the shipped classifier's accuracy on the test split (MNIST: 99.05%, Fashion-MNIST: 90.26%).")

        @Option(help: "mnist or fashion-mnist.")
        var dataset = "mnist"

        @Option(help: ArgumentHelp("The directory holding the data set's files.", valueName: "dir"))
        var dataDir: String?

        @Flag(help: "Print one JSON object.")
        var json = false

        func validate() throws {
            guard MNISTVariant(rawValue: dataset) != nil else {
                throw ValidationError("--dataset must be mnist or fashion-mnist, got \"\(dataset)\"")
            }
        }

        func run() throws {
            try CommandFailure.reporting {
                let variant = MNISTVariant(rawValue: dataset)!
                guard let test = try DatasetCatalog().load(dataset, split: .test, dataDirectory: dataDir).images else { return }
                let start = Date()
                let accuracy = try DigitFeatureExtractor(.shipped(variant)).classifierAccuracy(test)
                let seconds = Date().timeIntervalSince(start)
                if json {
                    Console.out("{\"dataset\":\"\(dataset)\",\"split\":\"test\",\"images\":\(test.count),\"accuracy\":\(accuracy),\"seconds\":\(seconds)}")
                } else {
                    Console.out("\(DigitFeatureExtractor.shippedFileName(variant)): \(String(format: "%.2f", accuracy * 100))% of \(test.count) \(dataset) test images")
                }
            }
        }
    }
}
