import Foundation
import LatentMetrics
import LatentModels
import LatentNN

/// StyleGAN on MNIST at 32×32 against the catalog's DCGAN after the same images shown (both at batch 64 for
/// the same epochs or `--steps`): the digit FID of 10,000 samples of each, and StyleGAN's FID of 2,000 samples
/// as truncation ψ goes from 0.5 to 1 (the paper's trade of variety for typical samples).
struct StyleGANMNISTReproduction: Reproduction {
    let name = "stylegan-mnist"
    let summary = "StyleGAN on MNIST (32×32, digits padded): digit FID below dcgan's after the same images shown (10,000 samples); FID against truncation ψ 0.5–1.0 (2,000 samples)"
    let epochs: Int? = 5
    /// How many samples the two models' FIDs are computed from.
    static let sampleCount = 10_000
    /// How many samples each FID of the truncation curve is computed from (fewer FID samples bias it upwards, the
    /// same for every ψ).
    static let curveSampleCount = 2_000
    /// The truncations of the FID curve.
    static let truncations: [Float] = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let batch: (inout RunConfiguration) -> Void = { $0.batchSize = 64 }
        let styleRun = try context.train("stylegan", epochs: context.epochs, configure: batch)
        let dcganRun = try context.train("dcgan", epochs: context.epochs, configure: batch)
        let evaluation = try DigitEvaluation(dataset: "mnist")
        let dcganFID = try Self.fid(evaluation.evaluate(run: dcganRun, count: Self.sampleCount, seed: context.seed, metrics: [.fid]).values)
        let styleFID = try Self.fid(evaluation.evaluate(run: styleRun, count: Self.sampleCount, seed: context.seed, metrics: [.fid]).values)
        let trained = try TrainedRun(directory: styleRun)
        guard let styles = trained.generator.styleSampling else { throw CommandFailure("\(styleRun.path): the model has no styles") }
        var figures = ["dcgan_fid": dcganFID, "stylegan_fid": styleFID]
        for psi in Self.truncations {
            var latents = RandomGenerator(seed: context.seed), noise = RandomGenerator(seed: ~context.seed)
            let z = trained.generator.noise(count: Self.curveSampleCount, generator: &latents)
            let images = (StyleGrids.truncated(styles, z: z, psi: psi, random: &noise) + 1) * 0.5
            figures[String(format: "fid_psi_%.1f", psi)] = try Self.fid(evaluation.evaluate(images.clamp(min: 0, max: 1), metrics: [.fid]).values)
        }
        return ReproductionResult(
            name: name, main: .atMost("stylegan digit FID at most dcgan's", styleFID, dcganFID),
            figures: figures,
            source: "Karras et al. 2019 (StyleGAN) at small scale, against Radford et al. 2016 (DCGAN) on InfoGAN's MNIST nets; "
                + "the target is this project's issue: a lower digit FID than dcgan's after the same images shown",
            seconds: Date().timeIntervalSince(start), runs: [styleRun, dcganRun])
    }

    private static func fid(_ values: [String: Double]) throws -> Double {
        guard let fid = values["eval_fid"], fid.isFinite else { throw CommandFailure("the digit evaluation gave no finite FID") }
        return fid
    }
}
