import LatentNN

/// Copies of a model's parameters, buffers, optimizer states and the global generator's state, to put
/// back after a step that went wrong.
struct StateSnapshot {
    private let modules: [[(String, Tensor)]]
    private let optimizers: [(state: [String: Tensor], learningRate: Float)]
    private let random: RandomGenerator

    init(_ model: any Trainable) {
        modules = model.modules.map { $0.module.stateDict().map { ($0.0, $0.1.copy()) } }
        optimizers = model.optimizers.map { ($0.optimizer.stateDict(), $0.optimizer.learningRate) }
        random = GlobalRandom.state
    }

    /// Puts `model` (the one snapshotted) and the global generator back as they were.
    func restore(_ model: any Trainable) throws {
        for (saved, module) in zip(modules, model.modules) { _ = try module.module.loadStateDict(saved) }
        for (saved, optimizer) in zip(optimizers, model.optimizers) {
            try optimizer.optimizer.loadStateDict(saved.state)
            optimizer.optimizer.learningRate = saved.learningRate
        }
        GlobalRandom.state = random
    }
}
