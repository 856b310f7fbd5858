/// What one training step logged: a line of `metrics.jsonl`.
public struct StepRecord: Sendable {
    /// Optimizer steps completed, counting this one (from 1).
    public let step: Int
    /// The epoch the step's batch belongs to, counting from 1.
    public let epoch: Int
    /// Every loss, by name (`loss_d`, `loss_g`; `loss` for a VAE).
    public let losses: [String: Float]
    /// Other measurements, by name (`d_real` and `d_fake`, the mean D(x) and D(G(z)) of a GAN).
    public let measurements: [String: Float]
    /// Each optimizer's learning rate during the step, by optimizer name.
    public let learningRates: [String: Float]
    /// Samples per second of the model's update (data loading and checkpoints not counted).
    public let imagesPerSecond: Float

    /// The record's number fields as `metrics.jsonl` names them, in its order: losses, measurements,
    /// `lr_<optimizer>`, `images_per_second`.
    public var numbers: [(String, Float)] {
        losses.sorted { $0.key < $1.key } + measurements.sorted { $0.key < $1.key }
            + learningRates.sorted { $0.key < $1.key }.map { ("lr_" + $0.key, $0.value) }
            + [("images_per_second", imagesPerSecond)]
    }
}
