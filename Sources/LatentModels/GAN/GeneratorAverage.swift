import LatentNN

/// An exponential moving average of a generator's weights, kept as a second generator that samples are
/// drawn from (Karras et al. 2018; Yazıcı et al. 2019). Each `update` sets
/// `average ← decay·average + (1 − decay)·weight` for every parameter and copies the buffers. Batch-norm
/// statistics copied from the generator do not fit the averaged weights, so `generator(refreshingStatistics:)`
/// re-estimates them for the average before it is used ("standing statistics", Brock et al. 2019).
public final class GeneratorAverage {
    /// The averaged generator, saved in checkpoints as `generator_ema`.
    public let module: any GeneratorNetwork
    /// The weight kept from the previous average at each update.
    public let decay: Float
    /// Whether the batch-norm statistics of `module` were re-estimated since its weights last changed.
    private var statisticsAreCurrent = false

    /// Averages into `module`, which must have the generator's architecture; its values are replaced by
    /// the generator's at the first `start(from:)`.
    public init(module: any GeneratorNetwork, decay: Float) {
        precondition((0..<1).contains(decay), "GeneratorAverage: decay must be in [0, 1), got \(decay)")
        self.module = module
        self.decay = decay
    }

    /// Copies every parameter and buffer of `generator` into the average.
    public func start(from generator: Module) {
        do {
            try module.loadStateDict(generator.stateDict())
        } catch {
            preconditionFailure("GeneratorAverage: the averaged module does not match the generator: \(error)")
        }
        statisticsAreCurrent = false
    }

    /// Folds the generator's current weights into the average and copies its buffers.
    public func update(from generator: Module) {
        let decay = self.decay, keep = 1 - decay
        // Same architecture (checked by `start`), so parameters and buffers come in the same order.
        for (average, weight) in zip(module.allParameters, generator.allParameters) {
            precondition(average.name == weight.name, "GeneratorAverage: the generator has \(weight.name) where the average has \(average.name)")
            weight.tensor.withValues { values in
                average.tensor.withMutableValues { averaged in
                    for i in averaged.indices { averaged[i] = decay * averaged[i] + keep * values[i] }
                }
            }
        }
        for (average, source) in zip(module.namedBuffers(), generator.namedBuffers()) {
            precondition(average.name == source.name, "GeneratorAverage: the generator has \(source.name) where the average has \(average.name)")
            average.tensor.assign(source.tensor)
        }
        statisticsAreCurrent = false
    }

    /// The averaged generator, its batch-norm statistics first re-estimated (as the plain average over the
    /// batches that `forward` runs through the module it is given) when its weights changed since the last
    /// estimate. `forward` should be deterministic, so that the statistics depend on the weights alone.
    public func generator(refreshingStatistics forward: (any GeneratorNetwork) -> Void) -> any GeneratorNetwork {
        if !statisticsAreCurrent {
            module.updateBatchNormStatistics { forward(module) }
            statisticsAreCurrent = true
        }
        return module
    }
}
