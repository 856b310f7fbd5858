import LatentData
import LatentNN

/// A model that measures itself on held-out data, once per epoch or on demand.
public protocol Evaluating: AnyObject {
    /// Metrics over every batch of `data` (evaluation mode, no gradients, its own fixed noise), named
    /// as `metrics.jsonl` logs them, such as `val_loss`; training mode is restored afterwards.
    func evaluate(_ data: DataLoader) -> [String: Float]
}

/// The seed of the noise a model's evaluation draws (a denoising autoencoder's corruption, a VAE's
/// reparameterisation), fixed so that evaluations of one model compare across epochs.
let evaluationNoiseSeed: UInt64 = 0x5eed_e7a1

extension Trainable {
    /// `body` with every module of the model in evaluation mode and no gradient history; each module's
    /// previous mode is restored afterwards.
    public func inEvaluationMode<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = modules.map { ($0.module, $0.module.training) }
        for (module, _) in previous { _ = module.eval() }
        defer { for (module, wasTraining) in previous { _ = module.train(wasTraining) } }
        return try withoutGrad(body)
    }
}
