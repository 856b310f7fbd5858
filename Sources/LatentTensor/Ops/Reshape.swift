// Shape changes that keep the values in place (reshape) or move them (permute, expand).

extension Tensor {
    /// The same values viewed with another shape; one size may be -1 and is inferred.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let hole = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != hole }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0,
                         "reshape: cannot infer -1 in \(newShape) for \(count) values (shape \(shape))")
            target[hole] = count / known
        }
        Shape.validate(target, op: "reshape")
        precondition(Shape.count(target) == count,
                     "reshape: shape \(shape) (\(count) values) cannot become \(newShape) (\(Shape.count(target)) values)")
        let original = shape
        return Tensor.result(target, storage, inputs: [self]) { c in [c.grad.reshaped(original)] }
    }

    /// Axes `startAxis` and after merged into one, as `torch.flatten(x, 1)` with the default start of 1.
    public func flattened(from startAxis: Int = 1) -> Tensor {
        let start = Shape.normalizeAxis(startAxis, rank: rank, op: "flatten")
        return reshaped(Array(shape[..<start]) + [Shape.count(Array(shape[start...]))])
    }

    /// The values repeated along axes of size 1 (and new leading axes) to fill `target`.
    public func expand(to target: [Int]) -> Tensor {
        if shape == target { return self }
        precondition(Shape.broadcast(shape, target, op: "expand") == target,
                     "expand: shape \(shape) cannot be expanded to \(target)")
        let original = shape
        let source = self
        let expanded = Tensor.uninitialized(target)
        BlockCopy.copy(from: storage.pointer, offset: 0, strides: Shape.broadcastStrides(shape, to: target),
                       to: expanded.storage.pointer, offset: 0, strides: Shape.strides(target), extent: target)
        return Tensor.result(expanded, inputs: [source]) { c in [c.grad.sum(toShape: original)] }
    }

    /// The sum over axes that broadcasting added, giving a tensor of `target` shape: the reverse of `expand`.
    public func sum(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let offset = rank - target.count
        precondition(offset >= 0, "sum(toShape:): shape \(shape) cannot be reduced to \(target)")
        var axes = Array(0..<offset)
        for (i, size) in target.enumerated() where size == 1 && shape[offset + i] != 1 {
            axes.append(offset + i)
        }
        return sum(axes: axes, keepDims: true).reshaped(target)
    }

    /// The axes reordered: axis `i` of the result is axis `order[i]` of this tensor.
    public func permuted(_ order: [Int]) -> Tensor {
        let axes = order.map { Shape.normalizeAxis($0, rank: rank, op: "permute") }
        precondition(axes.sorted() == Array(0..<rank), "permute: \(order) is not an ordering of \(rank) axes (shape \(shape))")
        if axes == Array(0..<rank) { return self }
        let newShape = axes.map { shape[$0] }
        let result = Tensor.uninitialized(newShape)
        let strides = Shape.strides(shape)
        let readStrides = [Int](repeating: 0, count: Shape.maxRank - rank) + axes.map { strides[$0] }
        let padded = [Int](repeating: 1, count: Shape.maxRank - rank) + newShape
        let source = storage.pointer, target = result.storage.pointer
        let inner = padded[4], innerStride = readStrides[4]
        let rows = count / Swift.max(inner, 1)
        parallelChunks(rows, grain: Swift.max(1, 16_384 / Swift.max(inner, 1))) { range in
            for row in range {
                var rest = row
                let i3 = rest % padded[3]; rest /= padded[3]
                let i2 = rest % padded[2]; rest /= padded[2]
                let i1 = rest % padded[1]; let i0 = rest / padded[1]
                let base = i0 * readStrides[0] + i1 * readStrides[1] + i2 * readStrides[2] + i3 * readStrides[3]
                let out = target + row * inner
                for j in 0..<inner { out[j] = source[base + j * innerStride] }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in axes.enumerated() { inverse[axis] = i }
        return Tensor.result(result, inputs: [self]) { c in [c.grad.permuted(inverse)] }
    }

    /// Two axes swapped (the last two by default).
    public func transposed(_ a: Int = -2, _ b: Int = -1) -> Tensor {
        var order = Array(0..<rank)
        order.swapAt(Shape.normalizeAxis(a, rank: rank, op: "transpose"), Shape.normalizeAxis(b, rank: rank, op: "transpose"))
        return permuted(order)
    }
}
