/// What an operation's backward rule sees: the gradient arriving at its output, the output itself,
/// and the inputs it was computed from.
public struct BackwardContext {
    /// The gradient of the final scalar with respect to the operation's output.
    public let grad: Tensor
    /// The operation's output.
    public let output: Tensor
    /// The operation's inputs, in the order the operation took them.
    public let inputs: [Tensor]

    /// Whether input `index` needs a gradient; rules skip work for inputs that do not.
    @inline(__always)
    public func needs(_ index: Int) -> Bool { inputs[index].requiresGrad }
}

/// One recorded operation: its inputs and the rule that maps the output's gradient to theirs.
///
/// Backward rules are written with differentiable tensor operations, so running them while
/// recording gives a graph of the gradient itself (gradients of gradients).
final class GradNode {
    let inputs: [Tensor]
    let backward: (BackwardContext) -> [Tensor?]

    init(inputs: [Tensor], backward: @escaping (BackwardContext) -> [Tensor?]) {
        self.inputs = inputs
        self.backward = backward
    }
}

/// Switches the recording of operations for gradients on and off, for the current task or thread
/// only (as PyTorch's grad mode is per thread), so that concurrent work does not affect each other.
public enum GradMode {
    @TaskLocal private static var disabled = false

    /// Whether operations run now are recorded for gradients.
    public static var isRecording: Bool { !disabled }

    /// Runs `body` without recording, as PyTorch's `torch.no_grad()`: for inference and weight updates.
    public static func withoutRecording<R>(_ body: () throws -> R) rethrows -> R {
        try $disabled.withValue(true, operation: body)
    }

    /// Runs `body` with recording switched on or off as `recording` says.
    static func with<R>(recording: Bool, _ body: () throws -> R) rethrows -> R {
        recording ? try body() : try withoutRecording(body)
    }
}

/// Runs `body` without recording operations for gradients, as PyTorch's `torch.no_grad()`.
public func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.withoutRecording(body)
}

extension Tensor {
    /// Wraps freshly computed values as the output of an operation, recording the operation when
    /// gradients are being recorded and some input requires one.
    static func result(
        _ shape: [Int], _ storage: TensorStorage, inputs: [Tensor],
        backward: @escaping (BackwardContext) -> [Tensor?]
    ) -> Tensor {
        if GradMode.isRecording && inputs.contains(where: { $0.requiresGrad }) {
            return Tensor(shape: shape, storage: storage, gradNode: GradNode(inputs: inputs, backward: backward))
        }
        return Tensor(shape: shape, storage: storage)
    }

    /// Wraps a computed tensor as the output of an operation on `inputs`.
    static func result(
        _ computed: Tensor, inputs: [Tensor], backward: @escaping (BackwardContext) -> [Tensor?]
    ) -> Tensor {
        result(computed.shape, computed.storage, inputs: inputs, backward: backward)
    }
}
