import Foundation
import LatentNN

/// Degradations of images in [0, 1] that show a metric rising as quality falls: Gaussian noise and
/// Gaussian blur.
struct ImagePerturbation {
    /// The standard deviation of the noise added to each pixel (0: none); results are clamped to [0, 1].
    var noise: Float = 0
    /// The standard deviation, in pixels, of the Gaussian blur (0: none).
    var blur: Float = 0
    /// The seed of the noise.
    var seed: UInt64 = 0

    /// Whether the images are left as they are.
    var isIdentity: Bool { noise == 0 && blur == 0 }

    /// `images` (`[N, C, H, W]` in [0, 1]) blurred, then with noise added.
    func apply(_ images: Tensor) -> Tensor {
        var result = images
        if blur > 0 { result = blurred(result) }
        if noise > 0 {
            var generator = RandomGenerator(seed: seed)
            result = (result + Tensor.randn(result.shape, generator: &generator) * noise).clamp(min: 0, max: 1)
        }
        return result
    }

    /// Each channel convolved with a normalised Gaussian of `blur` pixels, 3σ each side, zero padding.
    private func blurred(_ images: Tensor) -> Tensor {
        let radius = Int((3 * blur).rounded(.up)), channels = images.shape[1]
        let taps = (-radius...radius).map { Foundation.exp(-Float($0 * $0) / (2 * blur * blur)) }
        let total = taps.reduce(0, +)
        let normalized = taps.map { $0 / total }
        let size = 2 * radius + 1
        let horizontal = Tensor(Array((0..<channels).map { _ in normalized }.joined()), shape: [channels, 1, 1, size])
        let vertical = horizontal.reshaped([channels, 1, size, 1])
        return withoutGrad {
            images.conv2d(weight: horizontal, padding: (0, radius), groups: channels)
                .conv2d(weight: vertical, padding: (radius, 0), groups: channels)
        }
    }
}
