import LatentTensor

/// Compares analytic gradients with central finite differences.
///
/// The function's output is projected on fixed random weights so that every output value matters
/// and errors cannot cancel. Returns the largest mismatch, relative to the larger of 1 and the
/// numerical gradient's size, over every value of every input.
public func gradientError(
    _ inputs: [Tensor], epsilon: Float = 1e-2, seed: UInt64 = 7, _ f: @escaping ([Tensor]) -> Tensor
) -> Float {
    let probe = f(inputs.map { $0.detached() })
    var generator = RandomGenerator(seed: seed)
    let weights = Tensor.uniform(probe.shape, low: 0.5, high: 1.5, generator: &generator)
    let scalar: ([Tensor]) -> Tensor = { (f($0) * weights).sum() }
    let analytic = valueAndGradient(at: inputs, scalar).gradients
    return maxMismatch(inputs: inputs, analytic: analytic, epsilon: epsilon) { values in
        withoutGrad { scalar(values).item }
    }
}

/// Compares gradients of a gradient with finite differences of the gradient.
///
/// The checked function is `x ↦ Σ v · ∂(Σ w · f(x))/∂x₀` (the first input's gradient projected on
/// random weights `v`), whose own gradient needs the first backward pass to be recorded.
public func secondOrderGradientError(
    _ inputs: [Tensor], epsilon: Float = 1e-2, seed: UInt64 = 11, _ f: @escaping ([Tensor]) -> Tensor
) -> Float {
    var generator = RandomGenerator(seed: seed)
    let probe = f(inputs.map { $0.detached() })
    let weights = Tensor.uniform(probe.shape, low: 0.5, high: 1.5, generator: &generator)
    let directions = Tensor.uniform(inputs[0].shape, low: 0.5, high: 1.5, generator: &generator)
    let projectedGradient: ([Tensor]) -> Tensor = { variables in
        let inner = (f(variables) * weights).sum()
        let grad = gradients(of: inner, withRespectTo: [variables[0]], createGraph: true)[0]
        return (grad * directions).sum()
    }
    let analytic = valueAndGradient(at: inputs, projectedGradient).gradients
    return maxMismatch(inputs: inputs, analytic: analytic, epsilon: epsilon) { values in
        projectedGradient(values.map { $0.requiringGrad() }).item
    }
}

private func maxMismatch(
    inputs: [Tensor], analytic: [Tensor], epsilon: Float, _ evaluate: ([Tensor]) -> Float
) -> Float {
    var worst: Float = 0
    for (index, input) in inputs.enumerated() {
        let base = input.values
        for position in 0..<base.count {
            func shifted(_ delta: Float) -> Float {
                var values = base
                values[position] += delta
                var moved = inputs.map { $0.detached() }
                moved[index] = Tensor(values, shape: input.shape)
                return evaluate(moved)
            }
            let numeric = (shifted(epsilon) - shifted(-epsilon)) / (2 * epsilon)
            let exact = analytic[index].values[position]
            worst = max(worst, abs(numeric - exact) / max(1, abs(numeric)))
        }
    }
    return worst
}

/// Whether two arrays agree within `rtol · |expected| + atol` everywhere.
public func allClose(_ actual: [Float], _ expected: [Float], rtol: Float = 1e-4, atol: Float = 1e-5) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        abs(a - e) <= atol + rtol * abs(e)
    }
}
