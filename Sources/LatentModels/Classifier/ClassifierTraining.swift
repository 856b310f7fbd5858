import Foundation
import LatentData
import LatentNN

/// The shipped digit classifier's recipe (the `classifier` model: `MNISTConvNet`, Adam 1e-3, the learning rate
/// × 0.7 after every epoch, batch 64, last partial batch dropped) applied to any labelled 28×28 grey images, trained
/// by the one `Trainer` in a run directory of its own and scored on a test set: what the Classification Accuracy
/// Score (Ravuri & Vinyals 2019) measures for samples of a class-conditional generator.
public struct ClassifierTraining: Sendable {
    /// Passes over the training images (the shipped weights: 4).
    public var epochs: Int
    /// The seed of the initialization, the shuffling and dropout (the shipped weights: 1).
    public var seed: UInt64
    /// Kernel threads.
    public var threads: Int
    /// Images per optimizer step.
    public var batchSize = 64

    /// The recipe for `epochs` passes with `seed` on `threads` kernel threads.
    public init(epochs: Int = 4, seed: UInt64 = 1, threads: Int = 1) {
        self.epochs = epochs
        self.seed = seed
        self.threads = threads
    }

    /// Trains a fresh classifier on `training` in the run directory `directory` (which must not hold a run), named
    /// `dataset` in its configuration, and returns its loss and accuracy on `test`. `onStep` hears of every step.
    /// Throws when the images are not 1×28×28, or when training fails.
    public func score(
        trainingOn training: ImageDataset, dataset: String, test: ImageDataset, directory: URL,
        onStep: (StepRecord) -> Void = { _ in }
    ) throws -> ClassifierScore {
        guard test.imageShape == MNISTConvNet.imageShape else {
            throw TrainingError.invalidConfiguration("the classifier takes 1×28×28 test images, got \(test.imageShape)")
        }
        let entry = try ModelCatalog.entry(named: "classifier")
        var configuration = RunConfiguration(
            model: entry.name, dataset: dataset, epochs: epochs, batchSize: batchSize, seed: seed, threads: threads,
            learningRates: entry.defaultLearningRates, keepCheckpoints: 1)
        let loader = try entry.trainingLoader(training, configuration: configuration)
        configuration.options = ["lr_step_size": String(loader.batchesPerEpoch)]
        var classifier: Classifier?
        let trainer = try Trainer(directory: directory, configuration: configuration, data: loader) { configuration in
            let made = try ClassifierCatalog.makeClassifier(try entry.settings(configuration))
            classifier = made
            return made
        }
        try trainer.train(onStep: onStep)
        return classifier!.evaluate(on: test)
    }
}
