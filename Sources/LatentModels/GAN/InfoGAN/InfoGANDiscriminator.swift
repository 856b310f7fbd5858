import LatentNN

/// InfoGAN's discriminator with its Q network (Chen et al. 2016, MNIST): a shared trunk (InfoGAN's MNIST
/// convolutions and fully connected layer, `trunk.`), the real-against-fake logit (`score.`), and Q
/// (`q.`: FC 128, batch norm, leaky ReLU, then one output layer) guessing the codes of an image: logits per
/// categorical code (`HeadName.categoricalLogits(i)`), the continuous codes' means (`.continuousMean`) and
/// their log standard deviations (`.continuousLogStd`: learned by Q's output layer with `learnsStandardDeviation`,
/// otherwise 0).
public final class InfoGANDiscriminator: Module, Discriminating {
    /// The layers D and Q share, from the image to `[N, 1024]` features.
    public let trunk: Sequential
    /// The real-against-fake logit.
    public let score: Linear
    /// Q's layers after the trunk.
    public let q: Sequential
    /// The codes Q guesses.
    public let prior: InfoGANPrior
    /// Whether Q learns the continuous codes' standard deviations.
    public let learnsStandardDeviation: Bool

    /// The units of Q's hidden layer.
    public static let qHiddenSize = 128

    /// A discriminator for `prior`'s codes on 28×28 digits whose trunk (InfoGAN's MNIST convolutions) ends in
    /// `hiddenSize` features (InfoGAN's 1024), initialized as DCGAN prescribes.
    public convenience init(prior: InfoGANPrior, hiddenSize: Int = DCGANMNIST.hiddenSize, learnsStandardDeviation: Bool = false) {
        let full = DCGANMNIST.discriminator(hiddenSize: hiddenSize)
        self.init(trunk: Sequential(Array(full.layers.dropLast())), featureSize: hiddenSize, prior: prior,
                  learnsStandardDeviation: learnsStandardDeviation)
        for network in [trunk, q, Sequential([score])] { _ = DCGANMNIST.initialized(network) }
    }

    /// A discriminator on `trunk`, whose output has `featureSize` features, for `prior`'s codes, with Q's hidden
    /// layer of `qHiddenSize` units; its layers keep their default initialization.
    public init(trunk: Sequential, featureSize: Int, prior: InfoGANPrior, qHiddenSize: Int = qHiddenSize,
                learnsStandardDeviation: Bool = false) {
        self.trunk = trunk
        score = Linear(featureSize, 1)
        let outputs = prior.categorical.reduce(0, +) + prior.continuous * (learnsStandardDeviation ? 2 : 1)
        q = Sequential([
            Linear(featureSize, qHiddenSize, bias: false), BatchNorm1d(qHiddenSize), LeakyReLU(negativeSlope: 0.2),
            Linear(qHiddenSize, Swift.max(outputs, 1))])
        self.prior = prior
        self.learnsStandardDeviation = learnsStandardDeviation
        super.init()
    }

    public func heads(_ sample: CodedSample) -> Heads {
        let features = trunk(sample.images)
        return Heads(score: score(features), guesses(features))
    }

    public func features(_ sample: CodedSample) -> Tensor {
        trunk(sample.images)
    }

    /// Q's hidden features `[N, 128]` of images `x`.
    public func qFeatures(_ x: Tensor) -> Tensor {
        (0..<(q.count - 1)).reduce(trunk(x)) { input, index in q[index](input) }
    }

    /// Q's heads on the trunk's `features`.
    func guesses(_ features: Tensor) -> [HeadName: Tensor] {
        let output = q(features)
        var heads: [HeadName: Tensor] = [:]
        var start = 0
        for (index, size) in prior.categorical.enumerated() {
            heads[.categoricalLogits(index)] = output.slice(axis: 1, range: start..<(start + size))
            start += size
        }
        guard prior.continuous > 0 else { return heads }
        let mean = output.slice(axis: 1, range: start..<(start + prior.continuous))
        heads[.continuousMean] = mean
        heads[.continuousLogStd] = learnsStandardDeviation
            ? output.slice(axis: 1, range: (start + prior.continuous)..<(start + 2 * prior.continuous))
            : Tensor.zeros(mean.shape)
        return heads
    }
}

extension HeadName {
    /// InfoGAN's Q: the logits `[N, values]` of categorical code `index`.
    public static func categoricalLogits(_ index: Int) -> HeadName { HeadName("q_categorical_\(index)") }
    /// InfoGAN's Q: the means `[N, continuous]` of the continuous codes.
    public static let continuousMean = HeadName("q_continuous_mean")
    /// InfoGAN's Q: the log standard deviations `[N, continuous]` of the continuous codes.
    public static let continuousLogStd = HeadName("q_continuous_log_std")
}
