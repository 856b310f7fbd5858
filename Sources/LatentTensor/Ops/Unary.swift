#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Element-wise functions. Backward rules use fused kernels when the backward pass is not being
// recorded, and differentiable compositions when it is (gradients of gradients).

extension Tensor {
    public func exp() -> Tensor {
        Tensor.result(Elementwise.map(self) { expf($0) }, inputs: [self]) { c in [c.grad * c.output] }
    }

    public func log() -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { logf($0) }, inputs: [x]) { c in [c.grad / x] }
    }

    public func sqrt() -> Tensor {
        Tensor.result(Elementwise.map(self) { $0.squareRoot() }, inputs: [self]) { c in
            [c.grad * 0.5 / c.output]
        }
    }

    public func abs() -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { Swift.abs($0) }, inputs: [x]) { c in
            [c.grad * Elementwise.map(x.detached()) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }]
        }
    }

    public func square() -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { $0 * $0 }, inputs: [x]) { c in [c.grad * x * 2] }
    }

    public func tanh() -> Tensor {
        Tensor.result(Elementwise.map(self) { tanhf($0) }, inputs: [self]) { c in
            if GradMode.isRecording { return [c.grad * (1 - c.output.square())] }
            return [Elementwise.zip(c.grad, c.output, op: "tanh backward") { g, y in g * (1 - y * y) }]
        }
    }

    public func sigmoid() -> Tensor {
        Tensor.result(Elementwise.map(self) { 1 / (1 + expf(-$0)) }, inputs: [self]) { c in
            if GradMode.isRecording { return [c.grad * c.output * (1 - c.output)] }
            return [Elementwise.zip(c.grad, c.output, op: "sigmoid backward") { g, y in g * y * (1 - y) }]
        }
    }

    public func relu() -> Tensor { leakyRelu(negativeSlope: 0) }

    /// `x` where positive, `negativeSlope · x` elsewhere (PyTorch's default slope is 0.01).
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { $0 > 0 ? $0 : $0 * negativeSlope }, inputs: [x]) { c in
            if GradMode.isRecording {
                return [c.grad * Elementwise.map(x.detached()) { $0 > 0 ? 1 : negativeSlope }]
            }
            return [Elementwise.zip(c.grad, x, op: "leakyRelu backward") { g, v in v > 0 ? g : g * negativeSlope }]
        }
    }

    /// `x` where positive, `alpha · (eˣ − 1)` elsewhere.
    public func elu(alpha: Float = 1) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { $0 > 0 ? $0 : alpha * (expf($0) - 1) }, inputs: [x]) { c in
            let positive = Elementwise.map(x.detached()) { $0 > 0 ? 1 : 0 }
            return [c.grad * positive + c.grad * (1 - positive) * (c.output + alpha)]
        }
    }

    /// `log(1 + e^{βx}) / β`, linear above `threshold / β`, as PyTorch.
    public func softplus(beta: Float = 1, threshold: Float = 20) -> Tensor {
        let x = self
        let forward = Elementwise.map(x) { v in
            v * beta > threshold ? v : log1pf(expf(v * beta)) / beta
        }
        return Tensor.result(forward, inputs: [x]) { c in
            let linear = Elementwise.map(x.detached()) { $0 * beta > threshold ? 1 : 0 }
            return [c.grad * (linear + (1 - linear) * (x * beta).sigmoid())]
        }
    }

    /// Values limited to [min, max]; the gradient is zero where a limit applied.
    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { Swift.min(Swift.max($0, low), high) }, inputs: [x]) { c in
            [c.grad * Elementwise.map(x.detached()) { $0 >= low && $0 <= high ? 1 : 0 }]
        }
    }

    /// Whether each value is finite, as a 0/1 tensor.
    public func isFinite() -> Tensor {
        Elementwise.map(detached()) { $0.isFinite ? 1 : 0 }
    }
}
