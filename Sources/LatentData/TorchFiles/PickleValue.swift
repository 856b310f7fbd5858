/// A value built by the pickle interpreter. Containers are shared boxes, since a pickle may refer to one
/// container from several places and fill it after it was first referenced; nothing in a pickle is ever called.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer too wide for `Int`, as its little-endian two's-complement bytes.
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    case bytes([UInt8])
    /// A reference to a Python name (`module.name`), never resolved.
    case global(module: String, name: String)
    case tuple(PickleContainer)
    case list(PickleContainer)
    case dict(PickleDictionary)
    /// An instance of a class, or the unevaluated result of calling a global that is not understood.
    case object(PickleObject)
    /// A tensor storage named by a persistent id.
    case storage(TorchStorageReference)
    /// A tensor: a view of a storage.
    case tensor(TorchTensorReference)

    /// The value's kind, for error messages.
    var kind: String {
        switch self {
        case .none: "None"
        case .bool: "a bool"
        case .int, .bigInt: "an int"
        case .float: "a float"
        case .string: "a string"
        case .bytes: "bytes"
        case .global(let module, let name): "the global \(module).\(name)"
        case .tuple: "a tuple"
        case .list: "a list"
        case .dict: "a dict"
        case .object(let object): "an object of \(object.type)"
        case .storage: "a storage"
        case .tensor: "a tensor"
        }
    }
}

/// Something a pickle's containers are made of, which can drop its contents.
protocol PickleBox: AnyObject {
    /// Drops every value held, so that releasing it never recurses through other containers.
    func clear()
}

/// Every container made while reading one pickle. When it is released, it empties them all one by one,
/// so that releasing a deeply nested or self-referencing value neither recurses deeply nor leaks.
final class PickleArena {
    private var boxes: [any PickleBox] = []

    /// `box`, recorded for clearing.
    func keep<Box: PickleBox>(_ box: Box) -> Box {
        boxes.append(box)
        return box
    }

    deinit {
        for box in boxes { box.clear() }
    }
}

/// A tuple's or list's items.
final class PickleContainer: PickleBox {
    var items: [PickleValue]

    init(_ items: [PickleValue] = []) {
        self.items = items
    }

    func clear() { items = [] }
}

/// A dict's entries in insertion order (as `OrderedDict` and Python dicts keep them).
final class PickleDictionary: PickleBox {
    var entries: [(key: PickleValue, value: PickleValue)] = []

    func clear() { entries = [] }
}

/// An object of class `type` made from `arguments`, with the state given to it by BUILD.
final class PickleObject: PickleBox {
    /// The class or callable, as `module.name`.
    let type: String
    var arguments: [PickleValue]
    var state: PickleValue = .none

    init(type: String, arguments: [PickleValue]) {
        self.type = type
        self.arguments = arguments
    }

    func clear() {
        arguments = []
        state = .none
    }
}

/// Why a pickle could not be read; the file reader adds the file name.
struct PickleError: Error {
    let problem: String

    init(_ problem: String) {
        self.problem = problem
    }
}
