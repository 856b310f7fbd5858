import LatentNN

extension Autoencoder {
    /// `reconstruction`: the binary cross-entropy between an image and its reconstruction, summed over pixels.
    public var anomalyScores: [AnomalyScore] {
        [AnomalyScore(name: "reconstruction", summary: "the reconstruction's binary cross-entropy, summed over pixels") {
            [unowned self] x in
            perImageSum(binaryCrossEntropy(reconstruct(x).reshaped(x.shape), x, reduction: .none))
        }]
    }
}

extension VAE {
    /// `elbo`: the negative ELBO per image, averaged over `elboSamples` draws of the code from fixed noise;
    /// `reconstruction`: the binary cross-entropy of the reconstruction at the posterior mean.
    public var anomalyScores: [AnomalyScore] {
        [
            AnomalyScore(name: "elbo", summary: "the negative ELBO in nats (\(Self.elboSamples) draws of the code)") {
                [unowned self] x in negativeELBO(x, samples: Self.elboSamples)
            },
            AnomalyScore(name: "reconstruction", summary: "the binary cross-entropy of the reconstruction at the posterior mean") {
                [unowned self] x in
                perImageSum(binaryCrossEntropy(reconstruct(x).reshaped(x.shape), x, reduction: .none))
            },
        ]
    }

    /// The draws of the code that average the `elbo` score.
    public static let elboSamples = 8

    /// The negative ELBO of each image of `x`, `[N]`: the KL divergence of its posterior from the prior plus
    /// the reconstruction's binary cross-entropy averaged over `samples` codes drawn with noise of a fixed seed.
    public func negativeELBO(_ x: Tensor, samples: Int) -> Tensor {
        precondition(samples >= 1, "VAE.negativeELBO: samples must be at least 1, got \(samples)")
        var generator = RandomGenerator(seed: evaluationNoiseSeed)
        return inEvaluationMode {
            let (mean, logVariance) = model.encode(x)
            var reconstruction = Tensor.zeros([x.shape[0]])
            for _ in 0..<samples {
                let z = mean + Tensor.randn(mean.shape, generator: &generator) * (logVariance * 0.5).exp()
                reconstruction = reconstruction + perImageSum(binaryCrossEntropy(model.decode(z).reshaped(x.shape), x, reduction: .none))
            }
            return reconstruction / Float(samples) + gaussianKLDivergence(mean: mean, logVariance: logVariance, perSample: true)
        }
    }
}

extension AdversarialGame {
    /// `discriminator`: minus the discriminator's real-against-fake score on the real side of an image, so
    /// that images it finds less real score higher.
    public var anomalyScores: [AnomalyScore] {
        [AnomalyScore(name: "discriminator", summary: "minus the discriminator's score that an image is real") {
            [unowned self] x in
            inEvaluationMode {
                var random = RandomGenerator(seed: 0)
                let sampleShape = generator(prior.draw(count: 1, random: &random)).shape.dropFirst()
                return -discriminator.heads(sides.real(x.reshaped([x.shape[0]] + sampleShape), labels: nil)).score
            }
        }]
    }
}

/// The sum over every axis but the first of `values`, `[N]`.
func perImageSum(_ values: Tensor) -> Tensor {
    values.rank == 1 ? values : values.sum(axes: Array(1..<values.rank))
}
