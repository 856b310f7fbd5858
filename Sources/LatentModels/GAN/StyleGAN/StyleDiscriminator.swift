import LatentNN

/// StyleGAN's discriminator at small scale (Karras et al. 2019, after ProGAN): images padded at the border
/// with the background value −1 to `resolution`, a 1×1 convolution from the image channels, then per
/// resolution two 3×3 convolutions and 2× average pooling down to 4×4, the minibatch standard deviation,
/// a 3×3 convolution and two fully connected layers to one logit; every layer with equalized learning
/// rate and leaky ReLU. A layer at side s has min(`maxChannels`, 1024 / s) feature maps.
public final class StyleDiscriminator: Module, Discriminating {
    /// The side the images are padded to, a power of 2 from 4.
    public let resolution: Int
    let fromRGB: EqualizedConv2d
    let blocks: [DownBlock]
    let deviation = MinibatchStdDev()
    let convolution: EqualizedConv2d
    let hidden: EqualizedLinear
    let output: EqualizedLinear

    /// A discriminator of images with `imageChannels` channels and sides up to `resolution`.
    public init(resolution: Int, imageChannels: Int, maxChannels: Int) {
        precondition(resolution >= 4 && resolution & (resolution - 1) == 0, "StyleDiscriminator: resolution must be a power of 2 from 4, got \(resolution)")
        self.resolution = resolution
        let channels = { (side: Int) in Swift.max(1, Swift.min(maxChannels, 1024 / side)) }
        fromRGB = EqualizedConv2d(imageChannels, channels(resolution), kernelSize: 1)
        var blocks: [DownBlock] = []
        var side = resolution
        while side > 4 {
            blocks.append(DownBlock(channels(side), channels(side / 2)))
            side /= 2
        }
        self.blocks = blocks
        convolution = EqualizedConv2d(channels(4) + 1, channels(4), kernelSize: 3, padding: 1)
        hidden = EqualizedLinear(channels(4) * 16, channels(4))
        output = EqualizedLinear(channels(4), 1)
        super.init()
    }

    public func heads(_ sample: Tensor) -> Heads {
        headsAndFeatures(sample).heads
    }

    /// The 4×4 feature maps before the minibatch standard deviation, flattened: the last features that do
    /// not depend on the rest of the batch.
    public func features(_ sample: Tensor) -> Tensor {
        let maps = trunk(sample)
        return maps.reshaped([maps.shape[0], -1])
    }

    public func headsAndFeatures(_ sample: Tensor) -> (heads: Heads, features: Tensor) {
        let maps = trunk(sample)
        var x = convolution(deviation(maps)).leakyRelu(negativeSlope: 0.2)
        x = hidden(x.reshaped([x.shape[0], -1])).leakyRelu(negativeSlope: 0.2)
        return (Heads(score: output(x)), maps.reshaped([maps.shape[0], -1]))
    }

    /// The 4×4 feature maps of `images`, padded first to `resolution`.
    private func trunk(_ images: Tensor) -> Tensor {
        precondition(images.rank == 4 && images.shape[2] == images.shape[3] && images.shape[2] <= resolution
                     && (resolution - images.shape[2]) % 2 == 0,
                     "StyleDiscriminator: expected square images [N, C, H, W] that pad evenly to \(resolution)×\(resolution), got shape \(images.shape)")
        let pad = (resolution - images.shape[2]) / 2
        let padded = pad > 0 ? images.padded([pad, pad, pad, pad], value: -1) : images
        return blocks.reduce(fromRGB(padded).leakyRelu(negativeSlope: 0.2)) { x, block in block(x) }
    }
}

/// Two 3×3 convolutions with leaky ReLU, then 2× average pooling.
final class DownBlock: Module {
    let first: EqualizedConv2d
    let second: EqualizedConv2d

    init(_ inChannels: Int, _ outChannels: Int) {
        first = EqualizedConv2d(inChannels, inChannels, kernelSize: 3, padding: 1)
        second = EqualizedConv2d(inChannels, outChannels, kernelSize: 3, padding: 1)
        super.init()
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        second(first(x).leakyRelu(negativeSlope: 0.2)).leakyRelu(negativeSlope: 0.2).avgPool2d(kernelSize: (2, 2))
    }
}
