// Joining tensors along an axis (concatenate, stack) and cutting one into pieces (split, chunk).

extension Tensor {
    /// The tensors joined end to end along `axis`, as `torch.cat`; their other sizes must match.
    public static func concatenated(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "concatenated: expected at least one tensor")
        let first = tensors[0]
        let a = Shape.normalizeAxis(axis, rank: first.rank, op: "concatenated")
        for tensor in tensors {
            var expected = first.shape, actual = tensor.shape
            if actual.count == expected.count {
                expected[a] = 0
                actual[a] = 0
            }
            precondition(actual == expected,
                         "concatenated: sizes must match except along axis \(axis), got shapes \(first.shape) and \(tensor.shape)")
        }
        var shape = first.shape
        shape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        let joined = Tensor.uninitialized(shape)
        let strides = Shape.strides(shape)
        var offsets: [Int] = []
        var position = 0
        for tensor in tensors {
            offsets.append(position)
            BlockCopy.copy(from: tensor.storage.pointer, offset: 0, strides: Shape.strides(tensor.shape),
                           to: joined.storage.pointer, offset: position * strides[a], strides: strides,
                           extent: tensor.shape)
            position += tensor.shape[a]
        }
        let sizes = tensors.map { $0.shape[a] }
        return result(joined, inputs: tensors) { c in
            (0..<sizes.count).map { i in
                c.needs(i) ? c.grad.slice(axis: a, range: offsets[i]..<(offsets[i] + sizes[i])) : nil
            }
        }
    }

    /// The tensors, all of one shape, joined along a new axis `axis`, as `torch.stack`.
    public static func stacked(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stacked: expected at least one tensor")
        let first = tensors[0]
        for tensor in tensors {
            precondition(tensor.shape == first.shape,
                         "stacked: tensors must have one shape, got shapes \(first.shape) and \(tensor.shape)")
        }
        let a = Shape.normalizeAxis(axis, rank: first.rank + 1, op: "stacked")
        var shape = first.shape
        shape.insert(1, at: a)
        return concatenated(tensors.map { $0.reshaped(shape) }, axis: a)
    }

    /// Consecutive pieces along `axis` with the given sizes, which must add up to the axis size,
    /// as `torch.split` with a list of sizes.
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "split")
        precondition(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[a],
                     "split: sizes \(sizes) must be non-negative and add up to \(shape[a]) (axis \(axis) of shape \(shape))")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return slice(axis: a, range: start..<(start + size))
        }
    }

    /// At most `chunks` pieces of equal size along `axis` (the last may be smaller), as `torch.chunk`.
    public func chunked(_ chunks: Int, axis: Int = 0) -> [Tensor] {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "chunked")
        precondition(chunks >= 1, "chunked: number of chunks must be at least 1, got \(chunks)")
        let size = shape[a]
        let piece = Swift.max(1, (size + chunks - 1) / chunks)
        let sizes = stride(from: 0, to: size, by: piece).map { Swift.min(piece, size - $0) }
        return split(sizes: sizes.isEmpty ? [0] : sizes, axis: a)
    }
}
