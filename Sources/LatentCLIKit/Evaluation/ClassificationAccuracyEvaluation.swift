import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// `latent eval RUN --metrics cas`: the Classification Accuracy Score (Ravuri & Vinyals 2019) of a class-conditional
/// generator. The digit classifier's recipe (`ClassifierTraining`) is trained on the generator's samples alone (classes
/// balanced: sample i is drawn for class i mod the class count), and on the real training images followed by those
/// samples, and each is scored on the real test images, beside the same recipe trained on the real training images
/// alone. The classifiers' run directories are `generated`, `real-and-generated` and `real` in `folder` (a run's
/// `cas/`), replaced on each evaluation.
struct ClassificationAccuracyEvaluation {
    /// The name `--metrics` takes.
    static let metric = "cas"
    /// The keys of the three accuracies in `metrics.jsonl`.
    static let generatedKey = "eval_cas", realKey = "eval_cas_real", realAndGeneratedKey = "eval_cas_real_and_generated"
    /// The most samples a classifier may be trained on (`--cas-count`).
    static let maximumCount = 600_000

    let generator: any ClassConditionalGenerating
    /// The classes the generator draws.
    let classCount: Int
    /// How the generator's values map to pixels.
    let scaling: PixelScaling
    /// The real training and test images.
    let real: ImageDataset, test: ImageDataset
    /// Samples drawn; nil for as many as the real training images.
    let count: Int?
    /// The seed of the samples' latent vectors.
    let sampleSeed: UInt64
    let training: ClassifierTraining
    /// The folder of the classifiers' run directories.
    let folder: URL
    /// The shipped classifier that stands for the recipe trained on `real` (trained by it on the same images), or
    /// nil to train it.
    var shippedReal: MNISTVariant?

    /// The evaluation of the trained `run` on its data set (read from `dataDirectory` or the run's), its classifiers
    /// in `RUN/cas/`. Throws naming the run when it is not class-conditional or its images are not 28×28 grey.
    init(run: TrainedRun, count: Int?, sampleSeed: UInt64, training: ClassifierTraining, dataDirectory: String?) throws {
        guard let classCount = run.generator.conditionalClassCount, let conditional = run.generator as? any ClassConditionalGenerating else {
            throw CommandFailure("""
                \(run.directory.path): model \(run.entry.name) is not class-conditional; --metrics cas trains a classifier on \
                samples drawn for each class, so it needs a class-conditional run (cgan, acgan)
                """)
        }
        guard run.sampleShape == MNISTConvNet.imageShape else {
            throw CommandFailure("\(run.directory.path): --metrics cas needs 1×28×28 images, model \(run.entry.name) makes \(run.sampleShape)")
        }
        let dataset = run.configuration.dataset, directory = dataDirectory ?? run.configuration.dataDirectory
        guard let real = try DatasetCatalog().load(dataset, split: .train, dataDirectory: directory).images,
              let test = try DatasetCatalog().load(dataset, split: .test, dataDirectory: directory).images else {
            throw CommandFailure("data set \(dataset) holds no images")
        }
        guard real.classCount == classCount else {
            throw CommandFailure("\(run.directory.path): the run draws \(classCount) classes, data set \(dataset) has \(real.classCount)")
        }
        self.init(generator: conditional, classCount: classCount, scaling: run.entry.scaling, real: real, test: test, count: count,
                  sampleSeed: sampleSeed, training: training, folder: run.directory.appendingPathComponent("cas"))
        let shipped = ClassifierTraining(threads: training.threads)
        if training.epochs == shipped.epochs && training.seed == shipped.seed && training.batchSize == shipped.batchSize {
            shippedReal = MNISTVariant(rawValue: dataset)
        }
    }

    init(generator: any ClassConditionalGenerating, classCount: Int, scaling: PixelScaling, real: ImageDataset, test: ImageDataset,
         count: Int?, sampleSeed: UInt64, training: ClassifierTraining, folder: URL) {
        self.generator = generator
        self.classCount = classCount
        self.scaling = scaling
        self.real = real
        self.test = test
        self.count = count
        self.sampleSeed = sampleSeed
        self.training = training
        self.folder = folder
    }

    /// The three accuracies, keyed as `metrics.jsonl` logs them, and how many samples were drawn.
    func evaluate() throws -> (values: [String: Double], samples: Int) {
        let sampleCount = count ?? real.count
        let images = DigitEvaluation.samples(
            of: generator, scaling: scaling, sampleShape: MNISTConvNet.imageShape, count: sampleCount, seed: sampleSeed)
        let generated = try ImageDataset(unitImages: images, labels: cyclingLabels(count: sampleCount, classCount: classCount))
        var values: [String: Double] = [:]
        values[Self.generatedKey] = try accuracy(training: generated, name: "generated")
        values[Self.realAndGeneratedKey] = try accuracy(training: try real.appending(generated), name: "real-and-generated")
        if let shippedReal {
            values[Self.realKey] = Double(try DigitFeatureExtractor(.shipped(shippedReal)).classifierAccuracy(test))
        } else {
            values[Self.realKey] = try accuracy(training: real, name: "real")
        }
        return (values, sampleCount)
    }

    /// The test accuracy of the recipe trained on `images` in `folder/name` (a previous run there is removed first).
    private func accuracy(training images: ImageDataset, name: String) throws -> Double {
        let directory = folder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: directory.path) { try FileManager.default.removeItem(at: directory) }
        Console.error("cas: training the classifier on \(images.count) \(name) images (\(training.epochs) epochs) in \(directory.path)")
        let start = Date()
        let accuracy = try training.score(trainingOn: images, dataset: "cas-\(name)", test: test, directory: directory).accuracy
        Console.error("cas: trained on \(name) images: test accuracy \(accuracy) after \(Int(Date().timeIntervalSince(start))) s")
        return Double(accuracy)
    }
}
