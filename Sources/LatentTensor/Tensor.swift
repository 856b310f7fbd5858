/// A dense, row-major Float32 array of rank 0 to 5 that records the operations applied to it,
/// so that gradients can be taken through them.
///
/// Tensors are always contiguous. Operations return new tensors; only optimizers and
/// explicitly named in-place methods change a tensor's values.
public final class Tensor: @unchecked Sendable {
    /// The size of each axis, outermost first (NCHW for images).
    public let shape: [Int]
    /// The values, shared with any tensor reshaped from this one.
    public let storage: TensorStorage
    /// How this tensor was computed, when it was computed from tensors that require gradients.
    let gradNode: GradNode?
    /// Whether gradients flow back to this tensor: set on leaves such as parameters,
    /// inherited by everything computed from them while gradients are being recorded.
    public var requiresGrad: Bool

    /// The number of values.
    public var count: Int { storage.count }
    /// The number of axes.
    public var rank: Int { shape.count }

    init(shape: [Int], storage: TensorStorage, gradNode: GradNode? = nil, requiresGrad: Bool = false) {
        self.shape = shape
        self.storage = storage
        self.gradNode = gradNode
        self.requiresGrad = requiresGrad || gradNode != nil
    }

    /// A tensor of the given shape whose values are unspecified, for kernels that write every value.
    static func uninitialized(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(uninitializedCount: Shape.count(shape)))
    }

    /// Creates a tensor from values in row-major order.
    public convenience init(_ values: [Float], shape: [Int]) {
        Shape.validate(shape, op: "Tensor(_:shape:)")
        precondition(values.count == Shape.count(shape),
                     "Tensor(_:shape:): \(values.count) values do not fill shape \(shape) (\(Shape.count(shape)) values)")
        let storage = TensorStorage(uninitializedCount: values.count)
        values.withUnsafeBufferPointer { storage.pointer.update(from: $0.baseAddress!, count: values.count) }
        self.init(shape: shape, storage: storage)
    }

    /// Creates a rank-1 tensor from values.
    public convenience init(_ values: [Float]) {
        self.init(values, shape: [values.count])
    }

    /// Creates a rank-0 tensor holding one value.
    public convenience init(scalar: Float) {
        self.init([scalar], shape: [])
    }

    /// The values in row-major order.
    public var values: [Float] {
        Array(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// The single value of a tensor with one element.
    public var item: Float {
        precondition(count == 1, "item: tensor of shape \(shape) holds \(count) values, not 1")
        return storage.pointer[0]
    }

    /// The same values with no history: gradients do not flow through the result.
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// A detached copy of this tensor that requires gradients, for taking gradients with respect to an input.
    public func requiringGrad() -> Tensor {
        Tensor(shape: shape, storage: storage, requiresGrad: true)
    }

    /// A tensor with its own copy of the values and no history.
    public func copy() -> Tensor {
        let result = Tensor.uninitialized(shape)
        result.storage.pointer.update(from: storage.pointer, count: count)
        return result
    }

    /// Overwrites this tensor's values with those of `source`, which must have the same number of values.
    /// Used by optimizers and state loading; it does not record history.
    public func assign(_ source: Tensor) {
        precondition(source.count == count, "assign: source shape \(source.shape) does not match \(shape)")
        if source.storage !== storage {
            storage.pointer.update(from: source.storage.pointer, count: count)
        }
    }

    /// Reads the values in place.
    public func withValues<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    /// Changes the values in place. History already recorded with this tensor is not updated.
    public func withMutableValues<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(storage.buffer)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = values.prefix(16).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), values: [\(shown)\(count > 16 ? ", …" : "")])"
    }
}
