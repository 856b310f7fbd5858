import CLatentKernels

// Element-wise functions. Backward rules use fused kernels when the backward pass is not being
// recorded, and differentiable compositions when it is (gradients of gradients).

extension Tensor {
    public func exp() -> Tensor {
        Tensor.result(Elementwise.map(self, kernel: latent_exp_array), inputs: [self]) { c in [c.grad * c.output] }
    }

    public func log() -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x, Log()), inputs: [x]) { c in [c.grad / x] }
    }

    public func sqrt() -> Tensor {
        Tensor.result(Elementwise.map(self, SquareRoot()), inputs: [self]) { c in
            [c.grad * 0.5 / c.output]
        }
    }

    public func abs() -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x, Absolute()), inputs: [x]) { c in
            [c.grad * Elementwise.map(x.detached(), Sign())]
        }
    }

    public func square() -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x, Square()), inputs: [x]) { c in [c.grad * x * 2] }
    }

    public func tanh() -> Tensor {
        Tensor.result(Elementwise.map(self, kernel: latent_tanh_array), inputs: [self]) { c in
            if GradMode.isRecording { return [c.grad * (1 - c.output.square())] }
            return [Elementwise.zip(c.grad, c.output, op: "tanh backward", TanhBackward())]
        }
    }

    public func sigmoid() -> Tensor {
        Tensor.result(Elementwise.map(self, kernel: latent_sigmoid_array), inputs: [self]) { c in
            if GradMode.isRecording { return [c.grad * c.output * (1 - c.output)] }
            return [Elementwise.zip(c.grad, c.output, op: "sigmoid backward", SigmoidBackward())]
        }
    }

    public func relu() -> Tensor { leakyRelu(negativeSlope: 0) }

    /// `x` where positive, `negativeSlope · x` elsewhere (PyTorch's default slope is 0.01).
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x) { latent_leaky_relu_array($0, $1, $2, negativeSlope) }, inputs: [x]) { c in
            if GradMode.isRecording {
                return [c.grad * Elementwise.map(x.detached(), LeakyReluSlope(slope: negativeSlope))]
            }
            return [Elementwise.zip(c.grad, x) { latent_leaky_relu_backward_array($0, $1, $2, $3, negativeSlope) }]
        }
    }

    /// `x` where positive, `alpha · (eˣ − 1)` elsewhere.
    public func elu(alpha: Float = 1) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x, EluForward(alpha: alpha)), inputs: [x]) { c in
            let positive = Elementwise.map(x.detached(), IsGreaterThan(value: 0))
            return [c.grad * positive + c.grad * (1 - positive) * (c.output + alpha)]
        }
    }

    /// `log(1 + e^{βx}) / β`, linear above `threshold / β`, as PyTorch.
    public func softplus(beta: Float = 1, threshold: Float = 20) -> Tensor {
        let x = self
        let forward = Elementwise.map(x, SoftplusForward(beta: beta, threshold: threshold))
        return Tensor.result(forward, inputs: [x]) { c in
            let linear = Elementwise.map(x.detached(), SoftplusLinearMask(beta: beta, threshold: threshold))
            return [c.grad * (linear + (1 - linear) * (x * beta).sigmoid())]
        }
    }

    /// Values limited to [min, max]; the gradient is zero where a limit applied.
    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        let x = self
        return Tensor.result(Elementwise.map(x, Clamp(low: low, high: high)), inputs: [x]) { c in
            [c.grad * Elementwise.map(x.detached(), InRange(low: low, high: high))]
        }
    }

    /// Whether each value is finite, as a 0/1 tensor.
    public func isFinite() -> Tensor {
        Elementwise.map(detached(), IsFinite())
    }
}
