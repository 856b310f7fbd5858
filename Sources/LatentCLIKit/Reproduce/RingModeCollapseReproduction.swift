import Foundation
import LatentData
import LatentMetrics
import LatentReport
import LatentTensor

/// Mode collapse on 8 Gaussians on a ring (Metz et al. 2017, Gulrajani et al. 2017): a plain GAN, an
/// unrolled GAN, WGAN-GP and minibatch discrimination trained for the same steps on the same batches;
/// the modes each covers and its share of high-quality samples, with a scatter plot of each.
struct RingModeCollapseReproduction: Reproduction {
    let name = "ring-8-gaussians"
    let summary = "8 Gaussians on a ring: vanilla, unrolled, WGAN-GP and minibatch-discrimination GANs, same steps; unrolled or WGAN-GP covers 8/8 modes"

    /// One GAN of the comparison: its catalog entry and options.
    struct Variant {
        let name: String
        let model: String
        let options: [String: String]
    }

    /// WGAN-GP takes 2 critic steps per generator step instead of the paper's 5, so that its generator
    /// gets enough updates within the common budget.
    static let variants = [
        Variant(name: "vanilla", model: "gan-2d", options: [:]),
        Variant(name: "unrolled", model: "gan-2d", options: ["unrolled_steps": "5"]),
        Variant(name: "wgan-gp", model: "gan-2d-wgan-gp", options: ["n_critic": "2"]),
        Variant(name: "minibatch-discrimination", model: "gan-2d", options: ["minibatch_discrimination": "2"]),
    ]
    /// Training steps of every variant, each on a batch of `batchSize` points, with Adam's learning rate
    /// `learningRate` for both networks (gan-2d's default; WGAN-GP's paper uses 1e-4 over 100,000 steps).
    static let steps = 5000
    static let batchSize = 512
    static let learningRate: Float = 1e-3
    /// How many samples of each generator are counted.
    static let sampleCount = 10_000

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let distribution = ToyDistribution.ring()
        var figures: [String: Double] = [:], runs: [URL] = [], coverage: [String: ModeCoverage] = [:]
        for variant in Self.variants {
            let run = try context.train(variant.model, runName: variant.name, epochs: 1000, options: variant.options) {
                $0.steps = Self.steps
                $0.batchSize = Self.batchSize
                $0.learningRates = ["generator": Self.learningRate, "discriminator": Self.learningRate]
            }
            let points = try Self.samples(of: run, count: Self.sampleCount, seed: context.seed)
            let measured = ModeCoverage(points: points, distribution: distribution)
            try Self.scatter(points, distribution: distribution, title: "\(variant.name): \(measured.coveredModes)/8 modes")
                .save(to: run.appendingPathComponent("samples.png").path)
            figures["\(variant.name)_modes"] = Double(measured.coveredModes)
            figures["\(variant.name)_high_quality_share"] = measured.highQualityShare
            coverage[variant.name] = measured
            runs.append(run)
        }
        try AtomicFile.write(Data(Self.table(coverage).utf8), to: context.directory.appendingPathComponent("modes.md"))
        let best = max(coverage["unrolled"]?.coveredModes ?? 0, coverage["wgan-gp"]?.coveredModes ?? 0)
        return ReproductionResult(
            name: name, main: .atLeast("modes covered by the unrolled GAN or WGAN-GP (the better of the two)", Double(best), 8),
            figures: figures,
            source: "Metz et al. 2017 (unrolled GANs, 8 Gaussians: the unrolled GAN covers every mode), "
                + "Gulrajani et al. 2017 (WGAN-GP's 8-Gaussians experiment)",
            seconds: Date().timeIntervalSince(start), runs: runs)
    }

    /// `count` points of the trained run in `directory`, drawn with `seed`, shaped `[count, 2]`.
    static func samples(of directory: URL, count: Int, seed: UInt64) throws -> Tensor {
        let run = try TrainedRun(directory: directory)
        var random = RandomGenerator(seed: seed)
        return run.generator.generate(Tensor.randn([count] + run.generator.latentShape, generator: &random)).reshaped([count, 2])
    }

    /// The first 2,000 of `points` over the distribution's mode centres, on the square from −3 to 3.
    static func scatter(_ points: Tensor, distribution: ToyDistribution, title: String) -> ScatterPlot {
        func pairs(_ tensor: Tensor, limit: Int) -> [(x: Double, y: Double)] {
            let values = tensor.values
            return (0..<min(limit, tensor.shape[0])).map { (Double(values[2 * $0]), Double(values[2 * $0 + 1])) }
        }
        return ScatterPlot(title: title, series: [
            ScatterPlot.Series(name: "samples", points: pairs(points, limit: 2000)),
            ScatterPlot.Series(name: "modes", points: pairs(distribution.centres, limit: .max), size: 6),
        ], range: (-3, 3))
    }

    /// A Markdown table of the modes covered and the high-quality share of each variant, in `variants` order.
    static func table(_ coverage: [String: ModeCoverage]) -> String {
        var lines = ["| GAN | modes covered | high-quality samples |", "|---|---|---|"]
        for variant in variants {
            guard let measured = coverage[variant.name] else { continue }
            lines.append("| \(variant.name) | \(measured.coveredModes)/\(measured.modeCount) | "
                + String(format: "%.1f%%", 100 * measured.highQualityShare) + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
