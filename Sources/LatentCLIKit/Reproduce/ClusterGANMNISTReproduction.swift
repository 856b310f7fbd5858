import Foundation

/// ClusterGAN on MNIST (Mukherjee et al. 2019): the unsupervised accuracy of the argmax of E_c on the
/// 10,000 test digits, with NMI and ARI, against the paper's 0.95 and 0.89.
struct ClusterGANMNISTReproduction: Reproduction {
    let name = "clustergan-mnist"
    let summary = "ClusterGAN on MNIST: accuracy of argmax E_c(x) on the test digits ≥ 0.95, NMI ≥ 0.89 (Mukherjee et al. 2019, Table 2)"
    /// Latent's protocol: 100 epochs of 937 critic updates (18,740 generator updates); the authors' code runs
    /// 500,000 generator updates.
    let epochs: Int? = 100

    /// The paper's MNIST accuracy and NMI.
    static let accuracyTarget = 0.95
    static let nmiTarget = 0.89

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let run = try context.train("clustergan", epochs: context.epochs)
        let measures = try RepresentationMeasures(run: run, layer: "encoder_categorical")
        let test = try measures.vectors(.test)
        let assignments = test.vectors.argmax(axis: 1).values.map { Int($0) }
        let scores = try RepresentationMeasures.clusteringScores(assignments, labels: test.labels)
        return ReproductionResult(
            name: name, main: .atLeast("accuracy of argmax E_c(x) on the MNIST test digits", scores.accuracy, Self.accuracyTarget),
            others: [.atLeast("NMI of argmax E_c(x) on the MNIST test digits", scores.nmi, Self.nmiTarget)],
            figures: ["ari": scores.ari],
            source: "Mukherjee et al. 2019, ClusterGAN, Table 2: MNIST ACC 0.95, NMI 0.89, ARI 0.89",
            seconds: Date().timeIntervalSince(start), runs: [run])
    }
}
