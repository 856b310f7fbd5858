import Foundation
import LatentData

/// InfoGAN on MNIST: the digits clustered without labels by the argmax of Q's categorical code on the 10,000
/// test images, scored against the labels under the best one-to-one matching (Hungarian), with NMI and ARI.
struct InfoGANMNISTReproduction: Reproduction {
    let name = "infogan-mnist"
    let summary = "InfoGAN on MNIST, 10 epochs: Q's categorical code clusters the test digits with accuracy ≥ 0.90 (5-seed mean; NMI, ARI beside)"
    let epochs: Int? = 10

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let run = try context.train("infogan", epochs: context.epochs)
        guard let test = try DatasetCatalog().load("mnist", split: .test, dataDirectory: nil).images else {
            throw CommandFailure("the MNIST test split holds no images")
        }
        let logits = try featureVectors(of: test, dataset: "mnist", features: run.path, layer: "q_categorical").vectors
        let scores = Dictionary(uniqueKeysWithValues: try clusterScores(logits.argmax(axis: 1).values.map { Int($0) }, truth: test.labels))
        return ReproductionResult(
            name: name, main: .atLeast("clustering accuracy of Q's categorical code on the MNIST test digits", scores["accuracy"] ?? 0, 0.90),
            figures: ["nmi": scores["nmi"] ?? 0, "ari": scores["ari"] ?? 0],
            source: "Chen et al. 2016 (InfoGAN: 5% error for its best runs); Mukherjee et al. 2019 (ClusterGAN) measured InfoGAN at "
                + "ACC 0.89, NMI 0.86; the target is this project's issue: a 5-seed mean of at least 0.90",
            seconds: Date().timeIntervalSince(start), runs: [run])
    }
}
