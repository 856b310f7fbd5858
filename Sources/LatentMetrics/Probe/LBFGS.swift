/// Minimizes a smooth function of a vector with limited-memory BFGS (Nocedal & Wright 2006, Algorithm 7.5)
/// and a backtracking line search on the Armijo condition: the solver scikit-learn's `lbfgs` is.
struct LBFGS {
    /// How many past steps approximate the inverse Hessian.
    var memory = 10
    /// The most iterations.
    var maxIterations = 1000
    /// Stops when the gradient's largest component is at most this.
    var gradientTolerance = 1e-6

    /// The point reached from `start` and the iterations taken; `objective` returns the value and the
    /// gradient at a point.
    func minimize(from start: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])) -> (point: [Double], iterations: Int) {
        var x = start
        var (value, gradient) = objective(x)
        var steps: [(s: [Double], y: [Double], rho: Double)] = []
        for iteration in 0..<maxIterations {
            if gradient.map(abs).max() ?? 0 <= gradientTolerance { return (x, iteration) }
            var direction = searchDirection(gradient, steps)
            var slope = dot(direction, gradient)
            if slope >= 0 {
                // The approximation lost positive definiteness: restart from steepest descent.
                steps.removeAll()
                direction = gradient.map { -$0 }
                slope = -dot(gradient, gradient)
            }
            var length = 1.0
            var candidate = axpy(length, direction, x)
            var (candidateValue, candidateGradient) = objective(candidate)
            while candidateValue > value + 1e-4 * length * slope || !candidateValue.isFinite {
                length /= 2
                guard length > 1e-20 else { return (x, iteration) }
                candidate = axpy(length, direction, x)
                (candidateValue, candidateGradient) = objective(candidate)
            }
            let s = zip(candidate, x).map { $0 - $1 }
            let y = zip(candidateGradient, gradient).map { $0 - $1 }
            let curvature = dot(s, y)
            if curvature > 1e-12 {
                steps.append((s, y, 1 / curvature))
                if steps.count > memory { steps.removeFirst() }
            }
            let decrease = value - candidateValue
            (x, value, gradient) = (candidate, candidateValue, candidateGradient)
            if decrease <= 1e-15 * max(abs(value), 1) { return (x, iteration + 1) }
        }
        return (x, maxIterations)
    }

    /// −H·gradient by the two-loop recursion over `steps`.
    private func searchDirection(_ gradient: [Double], _ steps: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        var q = gradient
        var alphas: [Double] = []
        for step in steps.reversed() {
            let alpha = step.rho * dot(step.s, q)
            alphas.append(alpha)
            q = axpy(-alpha, step.y, q)
        }
        if let last = steps.last {
            let scale = dot(last.s, last.y) / dot(last.y, last.y)
            q = q.map { $0 * scale }
        }
        for (step, alpha) in zip(steps, alphas.reversed()) {
            let beta = step.rho * dot(step.y, q)
            q = axpy(alpha - beta, step.s, q)
        }
        return q.map { -$0 }
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            var sum = 0.0
            for i in 0..<a.count { sum += a[i] * b[i] }
            return sum
        }
    }
}

/// a·x + y.
private func axpy(_ a: Double, _ x: [Double], _ y: [Double]) -> [Double] {
    var result = y
    x.withUnsafeBufferPointer { x in
        result.withUnsafeMutableBufferPointer { result in
            for i in 0..<x.count { result[i] += a * x[i] }
        }
    }
    return result
}
