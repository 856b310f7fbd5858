import LatentTensor

/// The KL divergence from the diagonal Gaussian `N(mean, exp(logVariance))` to the standard normal,
/// `−½·Σ(1 + log σ² − μ² − σ²)`, as a VAE's latent loss.
///
/// - Parameters:
///   - mean: the Gaussian's means μ.
///   - logVariance: the logarithms of its variances, log σ², of the same shape.
///   - perSample: when false (default), the sum over every value, a scalar; when true, the sum
///     over every axis but the first, one divergence per sample (shape [N]).
public func gaussianKLDivergence(mean: Tensor, logVariance: Tensor, perSample: Bool = false) -> Tensor {
    precondition(mean.shape == logVariance.shape,
                 "gaussianKLDivergence: mean and logVariance must have the same shape, got shapes \(mean.shape) and \(logVariance.shape)")
    let terms = 1 + logVariance - mean.square() - logVariance.exp()
    if perSample {
        precondition(mean.rank >= 1, "gaussianKLDivergence: perSample needs a batch axis, got shape \(mean.shape)")
        let sampleAxes = Array(1..<mean.rank)
        let sums = sampleAxes.isEmpty ? terms : terms.sum(axes: sampleAxes)
        return sums * -0.5
    }
    return terms.sum() * -0.5
}
