import LatentTensor

/// An exponential moving average of parameters (EMA weights, as used for GAN generators and
/// diffusion models), kept as shadow copies keyed by parameter name.
///
/// The first `update` copies the parameters; each later one sets
/// `shadow ← decay·shadow + (1 − decay)·parameter`.
public final class ExponentialMovingAverage {
    /// The weight kept from the previous average at each update.
    public let decay: Float
    /// The averaged values, keyed by parameter name.
    public private(set) var shadows: [String: Tensor] = [:]

    public init(decay: Float = 0.999) {
        precondition((0...1).contains(decay), "ExponentialMovingAverage: decay must be in [0, 1], got \(decay)")
        self.decay = decay
    }

    /// Folds the current values of `parameters` into the average; a parameter seen for the first time is copied.
    public func update(from parameters: [NamedParameter]) {
        let decay = self.decay, keep = 1 - self.decay
        for parameter in parameters {
            guard let shadow = shadows[parameter.name] else {
                shadows[parameter.name] = parameter.tensor.copy()
                continue
            }
            precondition(shadow.count == parameter.tensor.count,
                         "ExponentialMovingAverage: \(parameter.name) has shape \(parameter.tensor.shape) but its average has shape \(shadow.shape)")
            parameter.tensor.withValues { current in
                shadow.withMutableValues { average in
                    for i in average.indices { average[i] = decay * average[i] + keep * current[i] }
                }
            }
        }
    }

    /// Overwrites the values of `parameters` with their averages; parameters never averaged are left alone.
    public func copyShadows(to parameters: [NamedParameter]) {
        for parameter in parameters {
            if let shadow = shadows[parameter.name] { parameter.tensor.assign(shadow) }
        }
    }
}
