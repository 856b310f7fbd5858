/// Max pooling over `[N, C, H, W]` images, and the moves of values between windows' maxima and the image.
enum MaxPooling {
    /// The window maxima and, when `findPositions` is set (for a gradient), for each the position within
    /// its image plane where it was found (the first maximal one in row-major order; NaN wins, as in PyTorch).
    static func forward(
        _ x: Tensor, kernel: (Int, Int), stride: (Int, Int), padding: (Int, Int), outH: Int, outW: Int,
        findPositions: Bool
    ) -> (values: Tensor, positions: Tensor?) {
        let (planes, inH, inW) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
        let shape = [x.shape[0], x.shape[1], outH, outW]
        let values = Tensor.uninitialized(shape), positions = findPositions ? Tensor.uninitialized(shape) : nil
        let source = x.storage.pointer, target = values.storage.pointer, where_ = positions?.storage.pointer
        let cost = Swift.max(outH * outW * kernel.0 * kernel.1, 1)
        parallelChunks(planes, grain: Swift.max(1, 32_768 / cost)) { range in
            for plane in range {
                let input = source + plane * inH * inW
                for i in 0..<outH {
                    let h0 = i * stride.0 - padding.0
                    let rowsValid = Swift.max(h0, 0)..<Swift.min(h0 + kernel.0, inH)
                    for j in 0..<outW {
                        let w0 = j * stride.1 - padding.1
                        let colsValid = Swift.max(w0, 0)..<Swift.min(w0 + kernel.1, inW)
                        var best = -Float.infinity, bestPosition = rowsValid.lowerBound * inW + colsValid.lowerBound
                        for h in rowsValid {
                            for w in colsValid {
                                let value = input[h * inW + w]
                                if value > best || value.isNaN {
                                    best = value
                                    bestPosition = h * inW + w
                                    if value.isNaN { break }
                                }
                            }
                            if best.isNaN { break }
                        }
                        let index = plane * outH * outW + i * outW + j
                        target[index] = best
                        where_?[index] = Float(bestPosition)
                    }
                }
            }
        }
        return (values, positions)
    }

    /// Adds each value of `g` into the image position `positions` names, in zeros of `inputShape`.
    static func scatter(_ g: Tensor, positions: Tensor, inputShape: [Int]) -> Tensor {
        let x = Tensor.uninitialized(inputShape)
        let planes = inputShape[0] * inputShape[1], inPlane = inputShape[2] * inputShape[3]
        let outPlane = g.count / Swift.max(planes, 1)
        let source = g.storage.pointer, at = positions.storage.pointer, target = x.storage.pointer
        parallelChunks(planes, grain: Swift.max(1, 32_768 / Swift.max(inPlane + outPlane, 1))) { range in
            for plane in range {
                let output = target + plane * inPlane
                output.update(repeating: 0, count: inPlane)
                for k in plane * outPlane..<(plane + 1) * outPlane { output[Int(at[k])] += source[k] }
            }
        }
        return x
    }

    /// The value of `x` at each of `positions`: the transpose of `scatter`.
    static func gather(_ x: Tensor, positions: Tensor) -> Tensor {
        let y = Tensor.uninitialized(positions.shape)
        let planes = x.shape[0] * x.shape[1], inPlane = x.shape[2] * x.shape[3]
        let outPlane = positions.count / Swift.max(planes, 1)
        let source = x.storage.pointer, at = positions.storage.pointer, target = y.storage.pointer
        parallelChunks(positions.count) { range in
            for k in range { target[k] = source[(k / outPlane) * inPlane + Int(at[k])] }
        }
        return y
    }
}
