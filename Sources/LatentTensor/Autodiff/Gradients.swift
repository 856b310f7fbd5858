/// The gradients of the scalar `output` with respect to each of `targets`.
///
/// Targets must require gradients (parameters inside `valueAndGrad`, or tensors made with
/// `requiringGrad()`) before `output` is computed. A target that `output` does not depend on gets zeros.
/// With `createGraph`, the backward pass is itself recorded, so the gradients can be differentiated
/// again (WGAN-GP's gradient penalty, R1).
public func gradients(
    of output: Tensor, withRespectTo targets: [Tensor], seed: Tensor? = nil, createGraph: Bool = false
) -> [Tensor] {
    if seed == nil {
        precondition(output.count == 1, "gradients(of:): output of shape \(output.shape) is not a scalar; pass a seed")
    }
    let start = seed ?? Tensor.ones(like: output)
    precondition(start.shape == output.shape, "gradients(of:): seed shape \(start.shape) does not match output \(output.shape)")
    guard output.requiresGrad else {
        return targets.map { Tensor.zeros(like: $0) }
    }
    let targetIDs = Set(targets.map(ObjectIdentifier.init))
    var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(output): start]
    var kept: [ObjectIdentifier: Tensor] = [:]

    GradMode.with(recording: createGraph) {
        for tensor in topologicalOrder(from: output).reversed() {
            let id = ObjectIdentifier(tensor)
            guard let grad = grads.removeValue(forKey: id) else { continue }
            if targetIDs.contains(id) { kept[id] = grad }
            guard let node = tensor.gradNode else { continue }
            let context = BackwardContext(grad: grad, output: tensor, inputs: node.inputs)
            let inputGrads = node.backward(context)
            for (input, inputGrad) in zip(node.inputs, inputGrads) {
                guard input.requiresGrad, let inputGrad else { continue }
                assert(inputGrad.shape == input.shape,
                       "backward rule gave a gradient of shape \(inputGrad.shape) for an input of shape \(input.shape)")
                let inputID = ObjectIdentifier(input)
                grads[inputID] = grads[inputID].map { $0 + inputGrad } ?? inputGrad
            }
        }
    }
    return targets.map { kept[ObjectIdentifier($0)] ?? Tensor.zeros(like: $0) }
}

/// The value of `body` at `inputs` and its gradients with respect to each input.
///
/// Only `inputs` are differentiated; every other tensor `body` uses is a constant.
public func valueAndGradient(
    at inputs: [Tensor], _ body: ([Tensor]) -> Tensor
) -> (value: Tensor, gradients: [Tensor]) {
    let variables = inputs.map { $0.requiringGrad() }
    let value = body(variables)
    let grads = gradients(of: value, withRespectTo: variables)
    return (value.detached(), grads)
}

/// Tensors that `output` depends on through recorded operations, each after all of its inputs.
private func topologicalOrder(from output: Tensor) -> [Tensor] {
    var order: [Tensor] = []
    var visited = Set<ObjectIdentifier>()
    // Iterative depth-first search: graphs of deep networks would overflow the call stack.
    var stack: [(tensor: Tensor, expanded: Bool)] = [(output, false)]
    while let (tensor, expanded) = stack.popLast() {
        if expanded {
            order.append(tensor)
            continue
        }
        guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
        stack.append((tensor, true))
        for input in tensor.gradNode?.inputs ?? [] where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
            stack.append((input, false))
        }
    }
    return order
}
