/// The element types of PyTorch storages, named by their storage classes (`torch.FloatStorage`, ...).
public enum TorchDType: String, Sendable, CaseIterable {
    /// Floating-point numbers of 64, 32 and 16 bits, and bfloat16.
    case float64 = "DoubleStorage", float32 = "FloatStorage", float16 = "HalfStorage", bfloat16 = "BFloat16Storage"
    /// Signed integers of 64, 32, 16 and 8 bits.
    case int64 = "LongStorage", int32 = "IntStorage", int16 = "ShortStorage", int8 = "CharStorage"
    /// Unsigned bytes, and booleans stored one per byte.
    case uint8 = "ByteStorage", bool = "BoolStorage"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16, .int16: 2
        case .int8, .uint8, .bool: 1
        }
    }

    /// Whether the elements are floating-point numbers.
    public var isFloatingPoint: Bool {
        self == .float64 || self == .float32 || self == .float16 || self == .bfloat16
    }
}

/// A tensor read from a PyTorch file: its dotted name, element type, shape, and elements in row-major
/// order as little-endian bytes.
public struct TorchTensor: Sendable, Equatable {
    /// The dotted path to the tensor (`layer1.0.conv.weight`, as `state_dict()` names it).
    public let name: String
    /// The element type.
    public let dtype: TorchDType
    /// The shape.
    public let shape: [Int]
    /// The elements, contiguous in row-major order, little-endian.
    public let bytes: [UInt8]

    /// A tensor with the given name, type, shape and contiguous little-endian bytes.
    public init(name: String, dtype: TorchDType, shape: [Int], bytes: [UInt8]) {
        precondition(shape.reduce(1, *) * dtype.size == bytes.count, "TorchTensor: \(bytes.count) bytes do not fill \(shape) of \(dtype)")
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// The elements of a `float32` tensor.
    public var floats: [Float]? {
        guard dtype == .float32 else { return nil }
        return stride(from: 0, to: bytes.count, by: 4).map { at in
            Float(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
    }
}

/// A storage named by a pickle's persistent id: where its bytes are found, their type and element count.
struct TorchStorageReference {
    let key: String
    let dtype: TorchDType
    let count: Int
}

/// A tensor as a pickle describes it: a strided view of a storage.
struct TorchTensorReference {
    let storage: TorchStorageReference
    let offset: Int
    let shape: [Int]
    let strides: [Int]
    /// The number of elements, the product of `shape`.
    let count: Int
    /// The storage index of the view's last element (`offset` when the view is empty).
    let lastElement: Int

    /// A view of `storage`; throws when an offset, size or stride is negative or when the element count or
    /// the view's extent does not fit an `Int`.
    init(storage: TorchStorageReference, offset: Int, shape: [Int], strides: [Int]) throws {
        guard shape.count == strides.count else {
            throw PickleError("a tensor has \(shape.count) sizes but \(strides.count) strides")
        }
        guard offset >= 0, shape.allSatisfy({ $0 >= 0 }), strides.allSatisfy({ $0 >= 0 }) else {
            throw PickleError("a tensor has a negative offset, size or stride: offset \(offset), shape \(shape), strides \(strides)")
        }
        var count = 1, last = offset
        for (size, stride) in zip(shape, strides) {
            let (product, productOverflow) = count.multipliedReportingOverflow(by: size)
            let (step, stepOverflow) = Swift.max(size - 1, 0).multipliedReportingOverflow(by: stride)
            let (sum, sumOverflow) = last.addingReportingOverflow(step)
            guard !productOverflow, !stepOverflow, !sumOverflow else {
                throw PickleError("a tensor of shape \(shape), strides \(strides) and offset \(offset) is too large")
            }
            (count, last) = (product, sum)
        }
        self.storage = storage
        self.offset = offset
        self.shape = shape
        self.strides = strides
        self.count = count
        self.lastElement = last
    }

    /// The view's elements copied out of `storage`, the storage's bytes; throws when the storage does not hold
    /// the elements its persistent id declares, or when the view reaches past them or holds more elements
    /// than its storage (a view that repeats elements, which state dicts never save).
    func contiguousBytes(from storage: [UInt8]) throws -> [UInt8] {
        let size = self.storage.dtype.size, elements = self.storage.count
        let (declaredBytes, overflow) = elements.multipliedReportingOverflow(by: size)
        guard !overflow, storage.count == declaredBytes else {
            throw PickleError("storage \(self.storage.key) holds \(storage.count) bytes, but its persistent id declares \(elements) elements of \(size) bytes")
        }
        guard count > 0 else { return [] }
        guard lastElement < elements else {
            throw PickleError("a tensor of shape \(shape), strides \(strides) and offset \(offset) reaches element \(lastElement) of storage \(self.storage.key), which has \(elements)")
        }
        guard count <= elements else {
            throw PickleError("a tensor of shape \(shape) has \(count) elements, more than the \(elements) of its storage \(self.storage.key)")
        }
        // From here on every index is at most `lastElement` and every byte offset below `declaredBytes`.
        if strides == Self.rowMajorStrides(shape) {
            return Array(storage[offset * size..<(offset + count) * size])
        }
        var output = [UInt8](repeating: 0, count: count * size)
        var index = [Int](repeating: 0, count: shape.count)
        var source = offset
        for element in 0..<count {
            for byte in 0..<size { output[element * size + byte] = storage[source * size + byte] }
            var axis = shape.count - 1
            while axis >= 0 {
                if index[axis] + 1 < shape[axis] {
                    index[axis] += 1
                    source += strides[axis]
                    break
                }
                source -= strides[axis] * index[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return output
    }

    /// The strides of a contiguous tensor of `shape`, whose element count is known to fit an `Int`.
    static func rowMajorStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        return strides
    }
}
