import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// CycleGAN on the MNIST translation tasks with a known ground truth: on `mnist-inverse`, the mean error of
/// G_AB(x) against the exact inverse 1 − x over the test digits (pixels in [0, 1]); on `mnist-thick`, the
/// share of test digits the shipped digit classifier still reads as their label after A → B.
struct CycleGANMNISTReproduction: Reproduction {
    let name = "cyclegan-mnist"
    let summary = "CycleGAN on MNIST tasks: mnist-inverse mean |G(x) − (1 − x)| ≤ 0.05, mnist-thick labels kept after A → B ≥ 0.95"
    /// Passes over the 30,000 unpaired training digits of each task.
    let epochs: Int? = 2

    static let inverseTarget = 0.05
    static let labelTarget = 0.95
    /// Images per batch of the reproduction's runs.
    static let batchSize = 16
    /// The reproduction's generator and discriminator sizes: the paper's architecture, narrower for a CPU.
    static let options = ["ngf": "16", "ndf": "16", "n_blocks": "6", "n_layers_D": "2"]
    /// MNIST's training digits, half of them each task's A and half its B.
    static let trainingDigits = 60_000

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let epochs = context.epochs
        // The learning rate constant for the first half of the steps, then falling linearly to 0.
        let steps = epochs * (Self.trainingDigits / 2 / Self.batchSize)
        let schedule = ["n_steps": String(steps / 2), "n_steps_decay": String(steps - steps / 2)]
        var runs: [URL] = []
        func train(_ task: MNISTTranslation) throws -> (run: TrainedRun, test: ImageDataset) {
            let run = try context.train("cyclegan", runName: "cyclegan-" + task.rawValue, epochs: epochs,
                                        options: Self.options.merging(schedule) { $1 }) {
                $0.dataset = task.rawValue
                $0.batchSize = Self.batchSize
            }
            runs.append(run)
            guard let test = try DatasetCatalog().load(task.rawValue, split: .test).images else {
                throw CommandFailure("\(task.rawValue) holds no images")
            }
            return (try Self.translator(run), test)
        }
        let inverse = try train(.inverse)
        let (sources, translated) = try Self.translate(inverse.test, with: inverse.run)
        // Pixels in [0, 1]: x = (s + 1) / 2 and G(x) = (t + 1) / 2, so |G(x) − (1 − x)| = |t + s| / 2.
        let error = Double(((translated + sources).abs() * 0.5).mean().item)
        let thick = try train(.thick)
        let (_, thickened) = try Self.translate(thick.test, with: thick.run)
        let classifier = try DigitFeatureExtractor(.shipped(.mnist))
        let kept = Double(classifier.network.evaluate(images: thickened, labels: thick.test.labels, batchSize: 500).accuracy)
        let truth = thick.test.images(scaling: .minusOneToOne).split(sizes: [1, 1], axis: 1)[1]
        let truthKept = Double(classifier.network.evaluate(images: truth, labels: thick.test.labels, batchSize: 500).accuracy)
        return ReproductionResult(
            name: name, main: .atMost("mnist-inverse: mean |G_AB(x) − (1 − x)| over the test digits, pixels in [0, 1]", error, Self.inverseTarget),
            others: [.atLeast("mnist-thick: share of test digits the digit classifier reads as their label after A → B", kept, Self.labelTarget)],
            figures: ["thick_ground_truth_label_accuracy": truthKept],
            source: "Latent's issue 18 targets for CycleGAN (Zhu et al. 2017) on tasks with a known inverse; no published figure",
            seconds: Date().timeIntervalSince(start), runs: runs)
    }

    /// The trained run in `directory`, opened to translate: a translation model is refused where samples from noise
    /// are asked for, so it is opened without that demand.
    static func translator(_ directory: URL) throws -> TrainedRun {
        try TrainedRun(directory: directory, requireGenerator: false)
    }

    /// The test split's A images and their translations G_AB(A), both in [−1, 1], 500 at a time.
    static func translate(_ test: ImageDataset, with run: TrainedRun) throws -> (sources: Tensor, translated: Tensor) {
        let sources = test.images(scaling: .minusOneToOne).split(sizes: [1, 1], axis: 1)[0]
        let parts = stride(from: 0, to: test.count, by: 500).map { start in
            run.generator.generate(sources.slice(axis: 0, range: start..<min(start + 500, test.count)))
        }
        return (sources, Tensor.concatenated(parts))
    }
}
