import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// The vectors that `latent cluster` and `latent fit` work on: an image data set's pixels (scaled to
/// [0, 1]), the shipped digit classifier's features, or the codes of a trained run's encoder.
/// `features` is "pixels", "classifier" or a run directory.
func featureVectors(of images: ImageDataset, dataset: String, features: String) throws -> Tensor {
    switch features {
    case "pixels":
        return images.images(scaling: .zeroToOne).flattened()
    case "classifier":
        guard let variant = MNISTVariant(rawValue: dataset) else {
            throw CommandFailure("--features classifier needs mnist or fashion-mnist, not \(dataset)")
        }
        return try DigitFeatureExtractor(.shipped(variant)).features(images.images(scaling: .minusOneToOne))
    default:
        guard FileManager.default.fileExists(atPath: features + "/config.yaml") else {
            throw CommandFailure("--features must be pixels, classifier or a run directory; \(features) is none of them")
        }
        let run = try TrainedRun(directory: URL(fileURLWithPath: features), requireGenerator: false)
        guard let encoder = run.model as? Encoding else {
            throw CommandFailure("model \(run.entry.name) of \(features) has no encoder to give codes")
        }
        let inputs = images.images(scaling: run.entry.scaling)
        var codes: [Tensor] = []
        for start in stride(from: 0, to: images.count, by: 500) {
            codes.append(encoder.encode(inputs.slice(axis: 0, range: start..<min(start + 500, images.count))))
        }
        return Tensor.concatenated(codes)
    }
}
