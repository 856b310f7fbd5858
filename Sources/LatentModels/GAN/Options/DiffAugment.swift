import LatentNN

/// Differentiable augmentation (Zhao et al. 2020, DiffAugment): random translation, cutout and colour
/// changes built from differentiable operations, applied to every image the discriminator sees, real
/// and fake alike, so that the generator's gradient passes through them. Each call draws new random
/// parameters per sample.
public struct DiffAugment: Sendable {
    /// One kind of augmentation.
    public enum Transform: String, Sendable, CaseIterable {
        /// Random brightness (±0.5), saturation (×0…2) and contrast (×0.5…1.5) per sample.
        case color
        /// A random shift of up to 1/8 of the size in each direction, zeros shifted in.
        case translation
        /// A square of half the size, at a random place, set to zero.
        case cutout
    }

    /// The transforms, applied in the order colour, translation, cutout (the paper's order).
    public let transforms: [Transform]
    /// The shape of one image, `[channels, height, width]`; flat samples are seen in this shape.
    public let imageShape: [Int]

    /// The `transforms` for images of `imageShape` (`[channels, height, width]`).
    public init(_ transforms: [Transform], imageShape: [Int]) {
        precondition(imageShape.count == 3, "DiffAugment: expected an image shape [channels, height, width], got \(imageShape)")
        self.transforms = Transform.allCases.filter(transforms.contains)
        self.imageShape = imageShape
    }

    /// The augmentation a `diff_augment` option names: `none` (nil) or a comma-separated list of
    /// transforms; throws naming an unknown one, or when samples of `imageShape` are not images.
    public init?(policy: String, imageShape: [Int], model: String) throws {
        guard policy != "none" else { return nil }
        guard imageShape.count == 3 else {
            throw TrainingError.invalidConfiguration(
                "model \(model): diff_augment needs images [channels, height, width], but samples have shape \(imageShape)")
        }
        var chosen: [Transform] = []
        for name in policy.split(separator: ",") {
            guard let transform = Transform(rawValue: name.filter { !$0.isWhitespace }) else {
                throw TrainingError.invalidConfiguration(
                    "model \(model): option diff_augment has \"\(name)\"; expected none or a comma list of "
                        + Transform.allCases.map(\.rawValue).joined(separator: ", "))
            }
            chosen.append(transform)
        }
        self.init(chosen, imageShape: imageShape)
    }

    /// `images` augmented, in their own shape (`[batch] + imageShape`, or flat `[batch, values]`), with
    /// history back to them.
    public func callAsFunction(_ images: Tensor, generator: inout RandomGenerator) -> Tensor {
        precondition(images.count == images.shape[0] * imageShape.reduce(1, *),
                     "DiffAugment: expected \(imageShape) images, got shape \(images.shape)")
        var x = images.reshaped([images.shape[0]] + imageShape)
        for transform in transforms {
            switch transform {
            case .color: x = Self.color(x, generator: &generator)
            case .translation: x = Self.translation(x, generator: &generator)
            case .cutout: x = Self.cutout(x, generator: &generator)
            }
        }
        return x.reshaped(images.shape)
    }

    private static func perSample(_ x: Tensor, low: Float, high: Float, generator: inout RandomGenerator) -> Tensor {
        Tensor.uniform([x.shape[0], 1, 1, 1], low: low, high: high, generator: &generator)
    }

    private static func color(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        let brightened = x + perSample(x, low: -0.5, high: 0.5, generator: &generator)
        let gray = brightened.mean(axis: 1, keepDims: true)
        let saturated = (brightened - gray) * perSample(x, low: 0, high: 2, generator: &generator) + gray
        let average = saturated.mean(axes: [1, 2, 3], keepDims: true)
        return (saturated - average) * perSample(x, low: 0.5, high: 1.5, generator: &generator) + average
    }

    /// Each sample shifted by whole pixels, zeros shifted in: a window of the zero-padded batch.
    private static func translation(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        let (height, width) = (x.shape[2], x.shape[3])
        let shiftY = Int(Float(height) / 8 + 0.5), shiftX = Int(Float(width) / 8 + 0.5)
        let padded = x.padded([shiftX, shiftX, shiftY, shiftY])
        let samples = (0..<x.shape[0]).map { i -> Tensor in
            let dy = Int(generator.nextUniform() * Float(2 * shiftY + 1)), dx = Int(generator.nextUniform() * Float(2 * shiftX + 1))
            return padded.slice(axis: 0, range: i..<(i + 1))
                .slice(axis: 2, range: Swift.min(dy, 2 * shiftY)..<(Swift.min(dy, 2 * shiftY) + height))
                .slice(axis: 3, range: Swift.min(dx, 2 * shiftX)..<(Swift.min(dx, 2 * shiftX) + width))
        }
        return Tensor.concatenated(samples, axis: 0)
    }

    /// Each sample with a square of half the image's size set to zero, centred anywhere in the image.
    private static func cutout(_ x: Tensor, generator: inout RandomGenerator) -> Tensor {
        let (batch, height, width) = (x.shape[0], x.shape[2], x.shape[3])
        let sizeY = Int(Float(height) / 2 + 0.5), sizeX = Int(Float(width) / 2 + 0.5)
        var mask = [Float](repeating: 1, count: batch * height * width)
        for i in 0..<batch {
            let centreY = Int(generator.nextUniform() * Float(height)), centreX = Int(generator.nextUniform() * Float(width))
            for row in Swift.max(centreY - sizeY / 2, 0)..<Swift.min(centreY - sizeY / 2 + sizeY, height) {
                for column in Swift.max(centreX - sizeX / 2, 0)..<Swift.min(centreX - sizeX / 2 + sizeX, width) {
                    mask[(i * height + row) * width + column] = 0
                }
            }
        }
        return x * Tensor(mask, shape: [batch, 1, height, width])
    }
}
