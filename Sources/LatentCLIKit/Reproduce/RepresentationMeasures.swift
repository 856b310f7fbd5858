import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// What the representation reproductions measure on MNIST with a trained run's representation: its
/// vectors of the training and test digits, and the clustering scores of cluster assignments.
struct RepresentationMeasures {
    /// The run's representation.
    let representation: Representation
    /// The pixel scaling of the run's model.
    let scaling: PixelScaling

    /// The representation `layer` of the trained run in `run`.
    init(run: URL, layer: String) throws {
        let trained = try TrainedRun(directory: run, requireGenerator: false)
        representation = try trained.representation(named: layer)
        scaling = trained.entry.scaling
    }

    /// The vectors of MNIST's `split` and their labels.
    func vectors(_ split: DataSplit) throws -> (vectors: Tensor, labels: [Int]) {
        guard let images = try DatasetCatalog().load("mnist", split: split).images else {
            throw CommandFailure("mnist \(split.rawValue) holds no images")
        }
        return (representation.encode(images.images(scaling: scaling)), images.labels)
    }

    /// Accuracy (Hungarian matching), NMI and ARI of the cluster `assignments` against `labels`.
    static func clusteringScores(_ assignments: [Int], labels: [Int]) throws -> (accuracy: Double, nmi: Double, ari: Double) {
        (try clusteringAccuracy(predicted: assignments, truth: labels), try normalizedMutualInformation(labels, assignments),
         try adjustedRandIndex(labels, assignments))
    }
}
