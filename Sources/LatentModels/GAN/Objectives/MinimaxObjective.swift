import LatentNN

/// The minimax GAN loss of Goodfellow et al. 2014, with the saturating generator loss: the
/// discriminator minimizes `−E log D(x) − E log(1 − D(G(z)))`, the generator minimizes
/// `E log(1 − D(G(z)))`, whose gradient vanishes while the discriminator rejects fakes confidently.
public struct MinimaxObjective: GANObjective {
    /// Whether the discriminator puts out logits or probabilities.
    public let output: DiscriminatorOutput

    public var name: String { "minimax" }

    public init(output: DiscriminatorOutput = .logits) {
        self.output = output
    }

    public func discriminatorLoss(real: Tensor, fake: Tensor, realTarget: Float) -> Tensor {
        output.discriminatorLoss(real: real, fake: fake, realTarget: realTarget)
    }

    public func generatorLoss(fake: Tensor, real: Tensor) -> Tensor {
        -output.crossEntropy(fake, target: 0)
    }

    public func probabilities(_ scores: Tensor) -> Tensor { output.probabilities(scores) }
}
