#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LatentTensor

/// Scales every gradient by the same factor so that their combined norm is at most `maxNorm`,
/// as PyTorch's `torch.nn.utils.clip_grad_norm_`; returns the combined norm before clipping.
///
/// The norm is taken over all gradients as one vector (`normType` p, `.infinity` for the largest
/// magnitude); the factor is `min(1, maxNorm / (norm + 1e-6))`. Gradients are replaced by new tensors,
/// never changed in place, since gradients of different parameters may share values.
@discardableResult
public func clipGradNorm(_ gradients: inout Gradients, maxNorm: Float, normType: Float = 2) -> Float {
    precondition(normType > 0, "clipGradNorm: normType must be positive, got \(normType)")
    var accumulated: Double = 0
    for gradient in gradients.values {
        gradient.withValues { values in
            if normType == .infinity {
                for value in values { accumulated = Swift.max(accumulated, Double(Swift.abs(value))) }
            } else if normType == 2 {
                var sum: Double = 0
                for value in values { sum += Double(value) * Double(value) }
                accumulated += sum
            } else {
                let p = Double(normType)
                for value in values { accumulated += pow(Double(Swift.abs(value)), p) }
            }
        }
    }
    let norm: Float = normType == .infinity ? Float(accumulated) : Float(pow(accumulated, 1 / Double(normType)))
    let factor = maxNorm / (norm + 1e-6)
    if factor < 1 {
        withoutGrad {
            for (name, gradient) in gradients { gradients[name] = gradient * factor }
        }
    }
    return norm
}

/// Limits every gradient value to `[-clipValue, clipValue]`, as PyTorch's `torch.nn.utils.clip_grad_value_`.
/// Gradients are replaced by new tensors, never changed in place.
public func clipGradValue(_ gradients: inout Gradients, clipValue: Float) {
    precondition(clipValue >= 0, "clipGradValue: clipValue must not be negative, got \(clipValue)")
    withoutGrad {
        for (name, gradient) in gradients { gradients[name] = gradient.clamp(min: -clipValue, max: clipValue) }
    }
}

/// Limits every parameter value to `range` in place, as the weight clipping of the original WGAN critic.
public func clipWeights(_ parameters: [NamedParameter], to range: ClosedRange<Float>) {
    let low = range.lowerBound, high = range.upperBound
    for parameter in parameters {
        parameter.tensor.withMutableValues { values in
            for i in values.indices { values[i] = Swift.min(Swift.max(values[i], low), high) }
        }
    }
}
