import Foundation

/// A published number that Latent reproduces with one command: what it trains, the figure it measures,
/// the target and where the target comes from.
protocol Reproduction: Sendable {
    /// The name `latent reproduce NAME` takes.
    var name: String { get }
    /// One line saying what is reproduced.
    var summary: String { get }
    /// The epochs of the published protocol, for reproductions that train by epochs (nil otherwise);
    /// `latent reproduce --epochs` shortens it.
    var epochs: Int? { get }
    /// The label budgets `latent reproduce --labels` may ask for (the published table's rows); empty for
    /// reproductions without one.
    var labelBudgets: [Int] { get }
    /// Trains what is needed in `context` and measures the figure.
    func run(_ context: ReproductionContext) throws -> ReproductionResult
}

extension Reproduction {
    var epochs: Int? { nil }
    var labelBudgets: [Int] { [] }
}

/// What a reproduction measured, as `latent reproduce --json` prints it.
struct ReproductionResult: Encodable {
    /// The reproduction's name.
    let name: String
    /// What `value` is, such as "validation BCE at epoch 8".
    let metric: String
    /// The measured figure.
    let value: Double
    /// The figure to reach.
    let target: Double
    /// Whether `value` must be at most (`"<="`) or at least (`">="`) the target.
    let comparison: String
    /// Where the target comes from (a paper, an official log).
    let source: String
    /// Whether the target was reached, including every check in `checks`.
    var passed: Bool
    /// Seconds of training and measuring.
    let seconds: Double
    /// Further figures that must hold too, each with its own target.
    let checks: [Check]
    /// The run directories written.
    var runs: [String]
    /// Figures reported beside the checks, with no target: a floor to compare with, a table's cells.
    var figures: [String: Double] = [:]
    /// The epochs trained, for reproductions that train by epochs.
    var epochs: Int?
    /// The most optimizer steps of each run (`--steps`), when they were capped.
    var steps: Int?
    /// Whether the epochs were cut short of the published protocol (`--epochs`, `--steps`), so that the checks
    /// measure a shortened run.
    var shortened = false
    /// With `latent reproduce --seeds N`, the headline figure of every seed; `passed` then judges their mean.
    var seeds: SeedSpread?

    /// One further figure and its target.
    struct Check: Encodable {
        let metric: String
        let value: Double
        let target: Double
        let comparison: String
        let passed: Bool
    }
}

/// The reproductions `latent reproduce` knows, in the order `--list` prints them.
enum Reproductions {
    static let all: [any Reproduction] = [
        KerasAutoencoderReproduction(), VAEMNISTReproduction(), DCGANMNISTReproduction(), StyleGANMNISTReproduction(), RingModeCollapseReproduction(),
        DropoutGANReproduction(), GANFamilyReproduction(), InfoGANMNISTReproduction(), ClusterGANMNISTReproduction(), BiGANMNISTReproduction(),
        ImprovedGANMNISTReproduction(), RBMMNISTReproduction(), DBNMNISTReproduction(), OneClassMNISTReproduction(),
        SSGANRotationReproduction(), ContrastiveDReproduction(), Pix2PixMNISTEdgesReproduction(), CycleGANMNISTReproduction(), ProGANMNISTReproduction(), CASMNISTReproduction(), GANFeaturesKMeansReproduction(),
    ]
}
