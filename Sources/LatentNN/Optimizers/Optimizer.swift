import LatentTensor

/// Updates parameters in place from their gradients, as PyTorch's `torch.optim` optimizers.
///
/// Optimizers keep their per-parameter state (moment estimates, momentum buffers) keyed by
/// parameter name, so the same optimizer follows a model across calls as long as names are stable.
public protocol Optimizer: AnyObject {
    /// The learning rate used by the next update; set it from a schedule between steps.
    var learningRate: Float { get set }
    /// The number of updates made so far.
    var step: Int { get }

    /// Applies one update to each parameter that has a gradient in `gradients` (keyed by name);
    /// parameters without one are left unchanged, with their state.
    func update(_ parameters: [NamedParameter], gradients: Gradients)

    /// Copies of the optimizer's state for a checkpoint: `step`, and for each parameter its buffers
    /// named `<parameter name>.<buffer>` with PyTorch's buffer names (such as `exp_avg`).
    func stateDict() -> [String: Tensor]

    /// Restores state saved by `stateDict()`; throws, changing nothing, when an entry is not one of
    /// this optimizer's buffers or the step is not a whole number.
    func loadStateDict(_ state: [String: Tensor]) throws
}

extension Optimizer {
    /// Applies one update to `model`'s trainable parameters from gradients keyed by their names,
    /// as `valueAndGrad(of:)` returns them, their combined norm clipped to `maxNorm` first when given.
    ///
    /// In data-parallel training (`DataParallel.group`), the gradients are first averaged over every rank,
    /// so that each rank makes the same update.
    public func update(_ model: Module, with gradients: Gradients, clippingGradNormTo maxNorm: Float? = nil) {
        let parameters = model.namedParameters()
        var gradients = DataParallel.group.map { $0.average(gradients, of: parameters) } ?? gradients
        if let maxNorm { clipGradNorm(&gradients, maxNorm: maxNorm) }
        update(parameters, gradients: gradients)
    }
}

/// Why an optimizer state dict could not be loaded.
public struct OptimizerStateError: Error, CustomStringConvertible {
    public let description: String
}

/// The step count and the per-parameter buffers of an optimizer, with their state-dict form.
final class OptimizerState {
    /// The number of updates made so far.
    var step = 0
    /// The buffer names this optimizer keeps, such as `exp_avg`.
    private let bufferNames: Set<String>
    /// Buffers keyed by `<parameter name>.<buffer name>`.
    private var buffers: [String: Tensor] = [:]

    init(bufferNames: Set<String>) {
        self.bufferNames = bufferNames
    }

    /// The buffer `name` of `parameter`, or nil before it was first made.
    func existing(_ name: String, of parameter: NamedParameter) -> Tensor? {
        buffers["\(parameter.name).\(name)"]
    }

    /// The buffer `name` of `parameter`, made full of `value` on first use.
    func buffer(_ name: String, of parameter: NamedParameter, filledWith value: Float = 0) -> Tensor {
        let key = "\(parameter.name).\(name)"
        if let found = buffers[key] {
            precondition(found.count == parameter.tensor.count,
                         "optimizer: state \(key) has shape \(found.shape) but the parameter has shape \(parameter.tensor.shape)")
            return found
        }
        let made = Tensor.full(parameter.tensor.shape, value)
        buffers[key] = made
        return made
    }

    /// Stores `tensor` as the buffer `name` of `parameter`.
    func set(_ name: String, of parameter: NamedParameter, to tensor: Tensor) {
        buffers["\(parameter.name).\(name)"] = tensor
    }

    /// Copies of every buffer, and the step as a scalar under `step`.
    func dictionary() -> [String: Tensor] {
        var result = buffers.mapValues { $0.copy() }
        result["step"] = Tensor(scalar: Float(step))
        return result
    }

    /// Replaces the state with copies of `state`'s, as made by `dictionary()`.
    func load(_ state: [String: Tensor], optimizer: String) throws {
        var loaded: [String: Tensor] = [:]
        for (key, tensor) in state where key != "step" {
            let bufferName = key.split(separator: ".").last.map(String.init) ?? ""
            guard bufferNames.contains(bufferName) else {
                throw OptimizerStateError(description: "\(optimizer).loadStateDict: unexpected entry \(key); buffers are named <parameter>.<\(bufferNames.sorted().joined(separator: "|"))>")
            }
            loaded[key] = tensor.copy()
        }
        var loadedStep = 0
        if let stepTensor = state["step"] {
            let value = stepTensor.count == 1 ? stepTensor.values[0] : -1
            guard value >= 0, value == value.rounded(), value < 0x1p31 else {
                throw OptimizerStateError(description: "\(optimizer).loadStateDict: step must be one whole number, got shape \(stepTensor.shape) with values \(stepTensor.values.prefix(4))")
            }
            loadedStep = Int(value)
        }
        buffers = loaded
        step = loadedStep
    }
}

extension NamedParameter {
    /// The gradient for this parameter, checked to match its size; nil when there is none.
    func gradient(in gradients: Gradients, optimizer: String) -> Tensor? {
        guard let gradient = gradients[name] else { return nil }
        precondition(gradient.count == tensor.count,
                     "\(optimizer): gradient for \(name) has shape \(gradient.shape) but the parameter has shape \(tensor.shape)")
        return gradient
    }
}
