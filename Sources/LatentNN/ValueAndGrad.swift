import LatentTensor

/// The scalar that `body` computes from `model`, and its gradients with respect to the model's
/// trainable parameters, keyed by parameter name.
///
/// Only the model's trainable parameters are differentiated; every other tensor is a constant.
/// `body` may take gradients itself (`gradients(of:withRespectTo:createGraph: true)` for a gradient
/// penalty). The returned value carries no history.
///
///     let (dLoss, dGrads) = valueAndGrad(of: discriminator) { d in loss(d(real), d(fake)) }
public func valueAndGrad<M: Module>(
    of model: M, _ body: (M) -> Tensor
) -> (value: Tensor, gradients: Gradients) {
    let (value, _, grads) = valueAndGrad(of: model) { model in (body(model), ()) }
    return (value, grads)
}

/// The scalar that `body` computes from `model`, an auxiliary result of `body` (such as the
/// generated images or separate loss terms), and the scalar's gradients with respect to the
/// model's trainable parameters, keyed by parameter name.
public func valueAndGrad<M: Module, Auxiliary>(
    of model: M, _ body: (M) -> (Tensor, Auxiliary)
) -> (value: Tensor, auxiliary: Auxiliary, gradients: Gradients) {
    let parameters = model.namedParameters()
    for parameter in parameters { parameter.tensor.requiresGrad = true }
    defer { for parameter in parameters { parameter.tensor.requiresGrad = false } }
    let (value, auxiliary) = body(model)
    precondition(value.count == 1, "valueAndGrad: the body must return a scalar, got shape \(value.shape)")
    let grads = gradients(of: value, withRespectTo: parameters.map(\.tensor))
    var named = Gradients(minimumCapacity: parameters.count)
    for (parameter, grad) in zip(parameters, grads) { named[parameter.name] = grad }
    return (value.detached(), auxiliary, named)
}
