#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Softmax and log-softmax along one axis, computed with the axis maximum subtracted for stability.
// Backward rules use fused kernels when the backward pass is not being recorded.

extension Tensor {
    /// `exp(x) / Σ exp(x)` along `axis`, as `torch.softmax`.
    public func softmax(axis: Int) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "softmax")
        let result = SoftmaxKernel.forward(self, axis: a, log: false)
        return Tensor.result(result, inputs: [self]) { c in
            if GradMode.isRecording {
                return [c.output * (c.grad - (c.grad * c.output).sum(axis: a, keepDims: true))]
            }
            return [SoftmaxKernel.backward(grad: c.grad, output: c.output, axis: a, log: false)]
        }
    }

    /// `x − log Σ exp(x)` along `axis`, as `torch.log_softmax`.
    public func logSoftmax(axis: Int) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "logSoftmax")
        let result = SoftmaxKernel.forward(self, axis: a, log: true)
        return Tensor.result(result, inputs: [self]) { c in
            if GradMode.isRecording {
                return [c.grad - c.output.exp() * c.grad.sum(axis: a, keepDims: true)]
            }
            return [SoftmaxKernel.backward(grad: c.grad, output: c.output, axis: a, log: true)]
        }
    }
}

/// Softmax loops over the lanes of a tensor viewed as [outer, n, inner]: each lane is the n values
/// at one (outer, inner) position, `inner` apart.
private enum SoftmaxKernel {
    /// Softmax, or log-softmax when `log` is set, of every lane.
    static func forward(_ x: Tensor, axis: Int, log: Bool) -> Tensor {
        let (outer, n, inner) = Reduce.split(x.shape, axis: axis)
        let result = Tensor.uninitialized(x.shape)
        let source = x.storage.pointer, target = result.storage.pointer
        parallelChunks(outer * inner, grain: Swift.max(1, 8_192 / Swift.max(n, 1))) { range in
            for lane in range {
                let base = (lane / inner) * n * inner + lane % inner
                let read = source + base, write = target + base
                var largest = -Float.infinity
                for j in 0..<n { largest = Swift.max(largest, read[j * inner]) }
                var total: Float = 0
                for j in 0..<n {
                    let shifted = read[j * inner] - largest
                    let e = FastMath.exp(shifted)
                    total += e
                    write[j * inner] = log ? shifted : e
                }
                if log {
                    let logTotal = logf(total)
                    for j in 0..<n { write[j * inner] -= logTotal }
                } else {
                    let scale = 1 / total
                    for j in 0..<n { write[j * inner] *= scale }
                }
            }
        }
        return result
    }

    /// The input gradient from the output gradient and output: `y · (g − Σ g·y)` for softmax,
    /// `g − exp(y) · Σ g` for log-softmax.
    static func backward(grad: Tensor, output: Tensor, axis: Int, log: Bool) -> Tensor {
        let (outer, n, inner) = Reduce.split(output.shape, axis: axis)
        let result = Tensor.uninitialized(output.shape)
        let g = grad.storage.pointer, y = output.storage.pointer, target = result.storage.pointer
        parallelChunks(outer * inner, grain: Swift.max(1, 8_192 / Swift.max(n, 1))) { range in
            for lane in range {
                let base = (lane / inner) * n * inner + lane % inner
                var total: Float = 0
                if log {
                    for j in 0..<n { total += g[base + j * inner] }
                    for j in 0..<n {
                        let i = base + j * inner
                        target[i] = g[i] - expf(y[i]) * total
                    }
                } else {
                    for j in 0..<n { total += g[base + j * inner] * y[base + j * inner] }
                    for j in 0..<n {
                        let i = base + j * inner
                        target[i] = y[i] * (g[i] - total)
                    }
                }
            }
        }
        return result
    }
}
