// Picking values by index: gather and indexSelect, with their adjoints (scatter-add and index-add)
// as gradients; and one-hot encoding.

extension Tensor {
    /// The values chosen along `axis` by `indices`, as `torch.gather`: for `axis` 1 of a rank-3 tensor,
    /// `out[i][j][k] = self[i][indices[i][j][k]][k]`.
    ///
    /// `indices` holds whole numbers as Float values; it has this tensor's rank, no size larger than this
    /// tensor's except along `axis`, and gives the result its shape. It is never differentiated.
    public func gather(axis: Int, indices: Tensor) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "gather")
        let plan = IndexPlan(data: shape, indices: indices, axis: a, op: "gather")
        let result = Tensor.uninitialized(indices.shape)
        let source = storage.pointer, target = result.storage.pointer
        let positions = plan.positions
        parallelChunks(plan.outer, grain: Swift.max(1, 16_384 / Swift.max(plan.count * plan.inner, 1))) { range in
            for o in range {
                for j in 0..<plan.count {
                    for k in 0..<plan.inner {
                        let i = (o * plan.count + j) * plan.inner + k
                        target[i] = source[plan.outerOffsets[o] + positions[i] * plan.stride + plan.innerOffsets[k]]
                    }
                }
            }
        }
        let original = shape
        let constantIndices = indices.detached()
        return Tensor.result(result, inputs: [self]) { c in
            [c.grad.scatterAdded(into: original, axis: a, indices: constantIndices)]
        }
    }

    /// Zeros of `outerShape` to which this tensor's values are added at the positions `gather` reads.
    func scatterAdded(into outerShape: [Int], axis: Int, indices: Tensor) -> Tensor {
        let plan = IndexPlan(data: outerShape, indices: indices, axis: axis, op: "scatterAdd")
        precondition(shape == indices.shape, "scatterAdd: values shape \(shape) must match indices shape \(indices.shape)")
        let result = Tensor.zeros(outerShape)
        let source = storage.pointer, target = result.storage.pointer
        let positions = plan.positions
        // Different outer positions write to disjoint parts of the result.
        parallelChunks(plan.outer, grain: Swift.max(1, 16_384 / Swift.max(plan.count * plan.inner, 1))) { range in
            for o in range {
                for j in 0..<plan.count {
                    for k in 0..<plan.inner {
                        let i = (o * plan.count + j) * plan.inner + k
                        target[plan.outerOffsets[o] + positions[i] * plan.stride + plan.innerOffsets[k]] += source[i]
                    }
                }
            }
        }
        return Tensor.result(result, inputs: [self]) { c in
            [c.grad.gather(axis: axis, indices: indices)]
        }
    }

    /// The slices at `indices` along `axis`, in that order (repeats allowed), as `torch.index_select`.
    public func indexSelect(axis: Int, indices: [Int]) -> Tensor {
        let a = Shape.normalizeAxis(axis, rank: rank, op: "indexSelect")
        let (outer, n, inner) = Reduce.split(shape, axis: a)
        for index in indices {
            precondition(index >= 0 && index < n,
                         "indexSelect: index \(index) is out of range for axis \(axis) of size \(n), shape \(shape)")
        }
        var resultShape = shape
        resultShape[a] = indices.count
        let result = Tensor.uninitialized(resultShape)
        let m = indices.count
        let source = storage.pointer, target = result.storage.pointer
        parallelChunks(outer * m, grain: Swift.max(1, 16_384 / Swift.max(inner, 1))) { range in
            for row in range {
                let o = row / m, j = row % m
                (target + row * inner).update(from: source + (o * n + indices[j]) * inner, count: inner)
            }
        }
        let original = shape
        return Tensor.result(result, inputs: [self]) { c in
            [c.grad.indexAdded(into: original, axis: a, indices: indices)]
        }
    }

    /// Zeros of `outerShape` to which the slices of this tensor along `axis` are added at `indices`.
    func indexAdded(into outerShape: [Int], axis: Int, indices: [Int]) -> Tensor {
        let (outer, n, inner) = Reduce.split(outerShape, axis: axis)
        let m = indices.count
        let result = Tensor.zeros(outerShape)
        let source = storage.pointer, target = result.storage.pointer
        // Different outer positions write to disjoint parts of the result.
        parallelChunks(outer, grain: Swift.max(1, 16_384 / Swift.max(m * inner, 1))) { range in
            for o in range {
                for j in 0..<m {
                    let read = source + (o * m + j) * inner
                    let write = target + (o * n + indices[j]) * inner
                    for k in 0..<inner { write[k] += read[k] }
                }
            }
        }
        return Tensor.result(result, inputs: [self]) { c in
            [c.grad.indexSelect(axis: axis, indices: indices)]
        }
    }

    /// Rows of zeros with a 1 in column `labels[i]`, shape `[labels.count, classes]`, as
    /// `torch.nn.functional.one_hot` (Float values, no history).
    public static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        precondition(classes >= 1, "oneHot: classes must be at least 1, got \(classes)")
        let result = Tensor.zeros([labels.count, classes])
        for (row, label) in labels.enumerated() {
            precondition(label >= 0 && label < classes, "oneHot: label \(label) is out of range for \(classes) classes")
            result.storage.pointer[row * classes + label] = 1
        }
        return result
    }
}

/// How the positions of `gather`'s index tensor map into the data tensor, viewing the index tensor as
/// [outer, count, inner] around the axis.
private struct IndexPlan {
    let outer: Int, count: Int, inner: Int
    /// The data offset of each outer position, and of each inner position.
    let outerOffsets: [Int], innerOffsets: [Int]
    /// The data stride of the indexed axis.
    let stride: Int
    /// The checked index values as integers, in the index tensor's order.
    let positions: [Int]

    init(data: [Int], indices: Tensor, axis: Int, op: String) {
        let shape = indices.shape
        precondition(shape.count == data.count,
                     "\(op): indices must have the data's rank, got shapes \(data) and \(shape)")
        for d in shape.indices where d != axis {
            precondition(shape[d] <= data[d],
                         "\(op): indices may not be larger than the data except along axis \(axis), got shapes \(data) and \(shape)")
        }
        let strides = Shape.strides(data)
        (outer, count, inner) = Reduce.split(shape, axis: axis)
        stride = strides[axis]
        outerOffsets = IndexPlan.offsets(Array(shape[..<axis]), strides: Array(strides[..<axis]))
        innerOffsets = IndexPlan.offsets(Array(shape[(axis + 1)...]), strides: Array(strides[(axis + 1)...]))
        let size = data[axis]
        positions = indices.values.map { value in
            precondition(value == value.rounded() && value >= 0 && value < Float(size),
                         "\(op): index \(value) is not a whole number in 0..<\(size) (axis \(axis) of shape \(data))")
            return Int(value)
        }
    }

    /// The offsets of every multi-index of `shape`, in row-major order, under `strides`.
    private static func offsets(_ shape: [Int], strides: [Int]) -> [Int] {
        var result = [0]
        for (size, stride) in zip(shape, strides) {
            result = result.flatMap { base in (0..<size).map { base + $0 * stride } }
        }
        return result
    }
}
