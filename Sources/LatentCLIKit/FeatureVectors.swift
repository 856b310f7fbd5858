import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN

/// The vectors that `latent cluster` and `latent fit` work on, and what they are: an image data set's
/// pixels (scaled to [0, 1]), the shipped digit classifier's features, or a trained run's representation
/// `layer` (its first when nil: an encoder's codes, a discriminator's features). `features` is "pixels",
/// "classifier" or a run directory; `layer` needs a run.
func featureVectors(
    of images: ImageDataset, dataset: String, features: String, layer: String? = nil
) throws -> (vectors: Tensor, kind: Representation.Kind) {
    if let layer, features == "pixels" || features == "classifier" {
        throw CommandFailure("--layer \(layer) needs --features RUN, a run directory, not \(features)")
    }
    switch features {
    case "pixels":
        return (images.images(scaling: .zeroToOne).flattened(), .features)
    case "classifier":
        guard let variant = MNISTVariant(rawValue: dataset) else {
            throw CommandFailure("--features classifier needs mnist or fashion-mnist, not \(dataset)")
        }
        return (try DigitFeatureExtractor(.shipped(variant)).features(images.images(scaling: .minusOneToOne)), .features)
    default:
        guard FileManager.default.fileExists(atPath: features + "/config.yaml") else {
            throw CommandFailure("--features must be pixels, classifier or a run directory; \(features) is none of them")
        }
        let run = try TrainedRun(directory: URL(fileURLWithPath: features), requireGenerator: false)
        let representation = try run.representation(named: layer)
        return (vectors(of: images, representation, scaling: run.entry.scaling), representation.kind)
    }
}

/// The vectors `representation` gives `images` scaled by `scaling`, computed in batches of 500.
func vectors(of images: ImageDataset, _ representation: Representation, scaling: PixelScaling) -> Tensor {
    let inputs = images.images(scaling: scaling)
    var batches: [Tensor] = []
    for start in stride(from: 0, to: images.count, by: 500) {
        batches.append(representation(inputs.slice(axis: 0, range: start..<min(start + 500, images.count))))
    }
    return Tensor.concatenated(batches)
}
