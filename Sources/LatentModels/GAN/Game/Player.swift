import LatentNN

/// One network of an adversarial game with its own optimizer, saved in checkpoints as `<name>` and
/// `<name>_optimizer`: the `generator`, the `discriminator`, or an ally of the generator such as an
/// `encoder` (InfoGAN's Q is a head of the discriminator, trained with it).
public final class Player {
    /// The player's name in checkpoints, logs (`lr_<name>`) and learning rates.
    public let name: String
    /// The network the player trains.
    public let network: Module
    /// The optimizer of its parameters.
    public let optimizer: any Optimizer
    /// The learning rate of each of its updates by the optimizer's step count (CycleGAN's constant then
    /// linear decay); nil keeps the optimizer's own rate.
    public var schedule: (any LearningRateSchedule & Sendable)?

    /// The player `name`, training `network` with `optimizer`, its learning rate following `schedule` when given.
    public init(name: String, network: Module, optimizer: any Optimizer, schedule: (any LearningRateSchedule & Sendable)? = nil) {
        self.name = name
        self.network = network
        self.optimizer = optimizer
        self.schedule = schedule
    }

    /// One optimizer step with `gradients`, their combined norm clipped to `maxNorm` first when given, at the
    /// schedule's learning rate for the step when the player has one.
    func update(with gradients: Gradients, clippingTo maxNorm: Float?) {
        if let schedule { optimizer.learningRate = schedule.learningRate(at: optimizer.step) }
        optimizer.update(network, with: gradients, clippingGradNormTo: maxNorm)
    }
}

/// The scalar that `body` computes and its gradients with respect to each of `players`' trainable
/// parameters, one `Gradients` per player in order; the value carries no history.
func valueAndGrad<Auxiliary>(
    of players: [Player], _ body: () -> (Tensor, Auxiliary)
) -> (value: Tensor, auxiliary: Auxiliary, gradients: [Gradients]) {
    let parameters = players.map { $0.network.namedParameters() }
    for parameter in parameters.joined() { parameter.tensor.requiresGrad = true }
    defer { for parameter in parameters.joined() { parameter.tensor.requiresGrad = false } }
    let (value, auxiliary) = body()
    precondition(value.count == 1, "valueAndGrad: the body must return a scalar, got shape \(value.shape)")
    var grads = gradients(of: value, withRespectTo: parameters.joined().map(\.tensor))[...]
    let named = parameters.map { list in
        let mine = grads.prefix(list.count)
        grads = grads.dropFirst(list.count)
        return Gradients(uniqueKeysWithValues: zip(list.map(\.name), mine))
    }
    return (value.detached(), auxiliary, named)
}
