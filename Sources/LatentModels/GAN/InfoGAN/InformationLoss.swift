import Foundation
import LatentNN

/// InfoGAN's information loss on the generated images (Chen et al. 2016): `λ_cat` times the cross-entropy of
/// Q's logits on each categorical code the images came from, plus `λ_cont` times the Gaussian negative
/// log-likelihood of the continuous codes under Q's means and log standard deviations (both summed over
/// codes, averaged over the batch). Minimizing it maximizes a lower bound on the mutual information between
/// the codes and the images. It is a term of both sides: on the discriminator's side (whose fake images
/// are detached) it trains the shared trunk and Q, on the generator's side it trains G.
///
/// Logged under `key`; with `logsBounds`, also the bounds `mi_categorical` (Σ log K − cross-entropy, at most
/// Σ log K) and `mi_continuous` (Σ log 2 − negative log-likelihood: the codes' entropy under U(−1, 1)).
public struct InformationLoss: Term {
    /// The prior whose codes Q guesses.
    public let prior: InfoGANPrior
    /// The weight of the categorical codes' cross-entropy.
    public let categoricalWeight: Float
    /// The weight of the continuous codes' negative log-likelihood.
    public let continuousWeight: Float
    /// Whether `mi_categorical` and `mi_continuous` are measured beside the loss.
    public let logsBounds: Bool
    public let key: String?

    /// The loss for `prior`'s codes with weights `categoricalWeight` and `continuousWeight`, logged as `key`.
    public init(prior: InfoGANPrior, categoricalWeight: Float = 1, continuousWeight: Float = 1, key: String, logsBounds: Bool) {
        self.prior = prior
        self.categoricalWeight = categoricalWeight
        self.continuousWeight = continuousWeight
        self.key = key
        self.logsBounds = logsBounds
    }

    public func loss(_ verdict: Verdict<CodedSample>, random: inout RandomGenerator) -> Tensor {
        weighted(parts(verdict))
    }

    /// The loss and, with `logsBounds`, the lower bounds of the mutual information it gives:
    /// `mi_categorical` (Σ log K − cross-entropy) and `mi_continuous` (Σ log 2 − NLL, U(−1, 1)'s entropy).
    public func lossAndMeasurements(_ verdict: Verdict<CodedSample>, random: inout RandomGenerator) -> (Tensor, [String: Float]) {
        let parts = parts(verdict)
        var bounds: [String: Float] = [:]
        if logsBounds, let categorical = parts.categorical {
            bounds["mi_categorical"] = prior.categorical.map { Float(Foundation.log(Double($0))) }.reduce(0, +) - categorical.item
        }
        if logsBounds, let continuous = parts.continuous {
            bounds["mi_continuous"] = Float(prior.continuous) * Float(Foundation.log(2.0)) - continuous.item
        }
        return (weighted(parts), bounds)
    }

    /// The weighted sum of the categorical and continuous parts.
    private func weighted(_ parts: (categorical: Tensor?, continuous: Tensor?)) -> Tensor {
        var total: Tensor?
        if let categorical = parts.categorical { total = categoricalWeight * categorical }
        if let continuous = parts.continuous { total = total.map { $0 + continuousWeight * continuous } ?? continuousWeight * continuous }
        guard let total else { preconditionFailure("InformationLoss: the prior has no codes") }
        return total
    }

    /// The categorical codes' summed cross-entropy and the continuous codes' summed negative log-likelihood,
    /// each nil without such codes.
    func parts(_ verdict: Verdict<CodedSample>) -> (categorical: Tensor?, continuous: Tensor?) {
        guard let codes = verdict.fake.codes else { preconditionFailure("InformationLoss: the fake side carries no codes") }
        let heads = verdict.fakeHeads
        let categorical = codes.categorical.enumerated().map { index, labels in
            crossEntropy(heads[.categoricalLogits(index)], labels: labels)
        }.reduce(nil as Tensor?) { sum, value in sum.map { $0 + value } ?? value }
        let continuous = codes.continuous.map { target in
            gaussianNegativeLogLikelihood(target, mean: heads[.continuousMean], logStd: heads[.continuousLogStd])
        }
        return (categorical, continuous)
    }
}

/// The negative log-likelihood of `target` `[N, d]` under independent Gaussians of `mean` and `logStd`,
/// summed over the d dimensions and averaged over the N samples:
/// mean over samples of Σ (log σ + ½ log 2π + (x − μ)² / (2σ²)).
func gaussianNegativeLogLikelihood(_ target: Tensor, mean: Tensor, logStd: Tensor) -> Tensor {
    let standardized = (target - mean) * (-1 * logStd).exp()
    let perValue = logStd + 0.5 * standardized * standardized + Float(0.5 * Foundation.log(2 * Double.pi))
    return perValue.sum(axis: 1).mean()
}
