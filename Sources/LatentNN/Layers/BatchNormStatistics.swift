import LatentTensor

extension Module {
    /// Re-estimates the running statistics of every batch-norm layer in this module as the plain average of
    /// the batch statistics met while `forward` runs batches through the module, as PyTorch's
    /// `torch.optim.swa_utils.update_bn`; for weights that were never trained with the statistics they hold,
    /// such as a moving average of a generator's weights. Only the batch-norm layers are put in training mode
    /// meanwhile (dropout stays off) and no history is recorded; modes and momenta are restored afterwards.
    /// Returns false, without calling `forward`, when the module has no batch-norm layer that tracks statistics.
    @discardableResult
    public func updateBatchNormStatistics(_ forward: () -> Void) -> Bool {
        let layers = namedModules().compactMap { $0.module as? BatchNorm }.filter { $0.runningMean != nil }
        guard !layers.isEmpty else { return false }
        let saved = layers.map { (training: $0.training, momentum: $0.momentum) }
        for layer in layers {
            layer.resetRunningStats()
            layer.momentum = nil
            layer.train()
        }
        withoutGrad(forward)
        for (layer, state) in zip(layers, saved) {
            layer.train(state.training)
            layer.momentum = state.momentum
        }
        return true
    }
}
