import LatentTensor

extension Module {
    /// The result of `body` run while the trainable parameters named in `values` hold those tensors
    /// instead of their own, as `torch.func.functional_call`; the parameters are put back afterwards.
    ///
    /// The tensors may carry history (parameters after differentiable optimizer steps), so that
    /// gradients flow through the module's outputs into whatever computed them. Every name must be
    /// one of `namedParameters()` and every tensor its parameter's shape.
    public func withParameters<R>(_ values: Gradients, _ body: () throws -> R) rethrows -> R {
        let slots = namedSlots().filter { !$0.slot.isBuffer && values[$0.name] != nil }
        precondition(slots.count >= values.count,
                     "withParameters: \(Set(values.keys).subtracting(slots.map(\.name)).sorted()) are not parameters of \(type(of: self))")
        let originals = slots.map { $0.slot.tensor! }
        for (name, slot) in slots {
            let value = values[name]!
            precondition(value.shape == slot.tensor!.shape,
                         "withParameters: \(name) has shape \(slot.tensor!.shape), got \(value.shape)")
            slot.tensor = value
        }
        defer { for ((_, slot), original) in zip(slots, originals) { slot.tensor = original } }
        return try body()
    }
}
