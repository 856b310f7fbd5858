import LatentTensor

/// The storage behind `@Parameter` and `@Buffer` properties: a tensor slot that a module's
/// state dict finds by reflection.
public class TensorSlot {
    /// The tensor held, or nil for an absent optional parameter (a layer built with `bias: false`).
    var tensor: Tensor?
    /// The state-dict key; nil means the property name in snake case.
    let key: String?
    /// Whether the slot holds a buffer rather than a parameter.
    let isBuffer: Bool
    /// Whether gradients and optimizers leave this parameter alone.
    var isFrozen = false
    /// False once a wrapper such as `SpectralNorm` has taken the slot over: it then holds a
    /// computed tensor and is no longer part of the state.
    var isRegistered = true

    init(tensor: Tensor?, key: String?, isBuffer: Bool) {
        self.tensor = tensor
        self.key = key
        self.isBuffer = isBuffer
    }
}

/// What a `@Parameter` or `@Buffer` property can hold: a tensor, or an optional tensor.
public protocol TensorSlotValue {
    /// The property's value for a slot's tensor.
    static func fromSlot(_ tensor: Tensor?) -> Self
    /// The tensor to store in the slot.
    var slotTensor: Tensor? { get }
}

extension Tensor: TensorSlotValue {
    public static func fromSlot(_ tensor: Tensor?) -> Tensor {
        guard let tensor else { preconditionFailure("Parameter: a non-optional tensor property holds nil") }
        return tensor
    }
    public var slotTensor: Tensor? { self }
}

extension Optional: TensorSlotValue where Wrapped == Tensor {
    public static func fromSlot(_ tensor: Tensor?) -> Tensor? { tensor }
    public var slotTensor: Tensor? { self }
}

/// A trainable tensor of a module, named in the state dict after the property in snake case
/// (`runningMean` → `running_mean`) unless `key` is given.
@propertyWrapper
public final class Parameter<Value: TensorSlotValue>: TensorSlot {
    /// The tensor held; assigning replaces it (loading a state dict copies into it instead).
    public var wrappedValue: Value {
        get { Value.fromSlot(tensor) }
        set { tensor = newValue.slotTensor }
    }

    /// Holds `wrappedValue` under the state-dict name `key`, or the property name in snake case.
    public init(wrappedValue: Value, key: String? = nil) {
        super.init(tensor: wrappedValue.slotTensor, key: key, isBuffer: false)
    }
}

/// A non-trainable tensor saved with a module's state, such as BatchNorm's running statistics.
@propertyWrapper
public final class Buffer<Value: TensorSlotValue>: TensorSlot {
    /// The tensor held; assigning replaces it (loading a state dict copies into it instead).
    public var wrappedValue: Value {
        get { Value.fromSlot(tensor) }
        set { tensor = newValue.slotTensor }
    }

    /// Holds `wrappedValue` under the state-dict name `key`, or the property name in snake case.
    public init(wrappedValue: Value, key: String? = nil) {
        super.init(tensor: wrappedValue.slotTensor, key: key, isBuffer: true)
    }
}
