extension Tensor {
    /// The output of an operation defined outside Latent, recorded for gradients like Latent's own.
    ///
    /// `forward` computes the output from the inputs' values; it runs without recording, so it may use any
    /// tensor operation or compute values directly. `backward` maps the gradient arriving at the output to
    /// one gradient per input (nil for an input that needs none, see `BackwardContext.needs(_:)`), each of that
    /// input's shape. Written with differentiable tensor operations on `context.inputs`, `context.output` and
    /// `context.grad`, it is itself recorded under `gradients(of:withRespectTo:createGraph: true)`, so the
    /// operation has gradients of gradients too.
    ///
    /// ```swift
    /// // x³, with its derivative 3x²
    /// let y = Tensor.custom(inputs: [x], forward: { $0[0] * $0[0] * $0[0] }) { context in
    ///     [context.grad * context.inputs[0].square() * 3]
    /// }
    /// ```
    public static func custom(
        inputs: [Tensor], forward: ([Tensor]) throws -> Tensor,
        backward: @escaping (BackwardContext) -> [Tensor?]
    ) rethrows -> Tensor {
        let computed = try withoutGrad { try forward(inputs.map { $0.detached() }) }
        return result(computed.shape, computed.storage, inputs: inputs) { context in
            let grads = backward(context)
            precondition(grads.count == context.inputs.count,
                         "Tensor.custom: backward gave \(grads.count) gradients for \(context.inputs.count) inputs")
            for (index, (grad, input)) in zip(grads, context.inputs).enumerated() {
                guard let grad else { continue }
                precondition(grad.shape == input.shape,
                             "Tensor.custom: backward gave a gradient of shape \(grad.shape) for input \(index) of shape \(input.shape)")
            }
            return grads
        }
    }
}
