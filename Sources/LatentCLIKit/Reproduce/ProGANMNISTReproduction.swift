import Foundation
import LatentMetrics

/// ProGAN on MNIST padded to 32×32 against DCGAN after the same number of images shown (same epochs and
/// batch size, or the same `--steps`): digit FID of 10,000 samples of each against the test split.
struct ProGANMNISTReproduction: Reproduction {
    let name = "progan-mnist"
    let summary = "ProGAN (4×4 → 32×32, digits padded) against DCGAN on MNIST, 10 epochs each at batch 64: progan's digit FID ≤ dcgan's"
    let epochs: Int? = 10
    static let sampleCount = 10_000
    /// The batch size of both runs, so that equal steps show equal images.
    static let batchSize = 64

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let progan = try context.train("progan", epochs: context.epochs) { $0.batchSize = Self.batchSize }
        let dcgan = try context.train("dcgan", epochs: context.epochs) { $0.batchSize = Self.batchSize }
        let evaluation = try DigitEvaluation(dataset: "mnist")
        let fids = try [progan, dcgan].map { run in
            try evaluation.evaluate(run: run, count: Self.sampleCount, seed: context.seed, metrics: [.fid]).values["eval_fid"] ?? .nan
        }
        let steps = try context.metrics(progan).series["loss_d"]?.steps.last ?? .nan
        return ReproductionResult(
            name: name, main: .atMost("progan's digit FID, at most dcgan's after the same images shown", fids[0], fids[1]),
            figures: ["fid_progan": fids[0], "fid_dcgan": fids[1], "images_shown": steps * Double(Self.batchSize)],
            source: "Karras et al. 2018 (progressive growing) at small scale: the growth schedule lod_training_kimg = lod_transition_kimg = 60 "
                + "(the paper's 600 over 10), feature maps min(512 · 2 / r, 128); the target is this project's issue: a lower FID than DCGAN's",
            seconds: Date().timeIntervalSince(start), runs: [progan, dcgan])
    }
}
