/// What PyTorch's pickles mean: storages named by persistent ids, tensors rebuilt from them, ordered dicts,
/// and the dotted names under which modules and state dicts hold their tensors.
enum TorchPickle {
    /// A machine that understands PyTorch's persistent ids and tensor rebuilding calls.
    static var machine: PickleMachine {
        PickleMachine(persistentLoad: storage, call: call)
    }

    /// The storage named by a persistent id `('storage', torch.XStorage, key, location, count[, view])`.
    static func storage(_ id: PickleValue) throws -> PickleValue {
        guard case .tuple(let box) = id, box.items.count >= 5, case .string("storage") = box.items[0] else {
            throw PickleError("a persistent id is \(id.kind), expected ('storage', type, key, location, count)")
        }
        let items = box.items
        guard case .global(let module, let typeName) = items[1], module == "torch", let dtype = TorchDType(rawValue: typeName) else {
            throw PickleError("a storage has type \(items[1].kind), expected one of torch.\(TorchDType.allCases.map(\.rawValue).joined(separator: ", torch."))")
        }
        guard case .string(let key) = items[2], case .int(let count) = items[4], count >= 0 else {
            throw PickleError("storage persistent id has no string key and element count")
        }
        if items.count > 5, case .tuple = items[5] {
            throw PickleError("storage \(key) is a view of another storage, which is not supported")
        }
        return .storage(TorchStorageReference(key: key, dtype: dtype, count: count))
    }

    /// The value of a call that PyTorch's pickles make, or nil for calls left unevaluated.
    static func call(_ function: String, _ arguments: [PickleValue], _ arena: PickleArena) throws -> PickleValue? {
        switch function {
        case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
            return .tensor(try tensor(arguments, function: function))
        case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
            guard let data = arguments.first, case .tensor = data else {
                throw PickleError("\(function) is given \(arguments.first?.kind ?? "nothing"), expected a tensor")
            }
            return data
        case "collections.OrderedDict" where arguments.isEmpty:
            return .dict(arena.keep(PickleDictionary()))
        default:
            return nil
        }
    }

    /// A tensor from `_rebuild_tensor_v2`'s arguments: storage, offset, sizes, strides, ...
    private static func tensor(_ arguments: [PickleValue], function: String) throws -> TorchTensorReference {
        guard arguments.count >= 4, case .storage(let storage) = arguments[0], case .int(let offset) = arguments[1],
              let shape = integers(arguments[2]), let strides = integers(arguments[3]) else {
            throw PickleError("\(function) expects a storage, an offset, and tuples of sizes and strides")
        }
        return try TorchTensorReference(storage: storage, offset: offset, shape: shape, strides: strides)
    }

    /// The integers of a tuple, or nil when it is not a tuple of integers.
    private static func integers(_ value: PickleValue) -> [Int]? {
        guard case .tuple(let box) = value else { return nil }
        let values = box.items.compactMap { if case .int(let item) = $0 { item } else { nil } }
        return values.count == box.items.count ? values : nil
    }

    /// Every tensor inside `value` with its dotted name: dict keys, object attributes (a TorchScript module's
    /// submodules, parameters and buffers) and list or tuple positions, joined by dots, in pickle order.
    static func namedTensors(in value: PickleValue) throws -> [(name: String, tensor: TorchTensorReference)] {
        var found: [(name: String, tensor: TorchTensorReference)] = []
        var visited = Set<ObjectIdentifier>()
        func walk(_ value: PickleValue, _ name: String, depth: Int) throws {
            // A pickle can repeat one long key at every level through its memo: names are bounded, not just depth.
            guard name.utf8.count <= TorchFile.maximumNameLength else {
                throw PickleError("a tensor name is longer than the limit of \(TorchFile.maximumNameLength) bytes: \(name.prefix(80))...")
            }
            guard depth <= 200 else { throw PickleError("values nest more than 200 deep at \(name)") }
            func child(_ key: String) -> String { name.isEmpty ? key : name + "." + key }
            func firstVisit(_ box: AnyObject) -> Bool { visited.insert(ObjectIdentifier(box)).inserted }
            switch value {
            case .tensor(let tensor):
                guard found.count < TorchFile.maximumTensorCount else {
                    throw PickleError("holds more than the limit of \(TorchFile.maximumTensorCount) tensors")
                }
                found.append((name, tensor))
            case .dict(let dict) where firstVisit(dict):
                for (key, item) in dict.entries {
                    switch key {
                    case .string(let text): try walk(item, child(text), depth: depth + 1)
                    case .int(let number): try walk(item, child(String(number)), depth: depth + 1)
                    default: continue
                    }
                }
            case .list(let box) where firstVisit(box), .tuple(let box) where firstVisit(box):
                for (index, item) in box.items.enumerated() { try walk(item, child(String(index)), depth: depth + 1) }
            case .object(let object) where firstVisit(object):
                if case .tuple(let parts) = object.state {
                    for part in parts.items { try walk(part, name, depth: depth + 1) }
                } else {
                    try walk(object.state, name, depth: depth + 1)
                }
            default:
                break
            }
        }
        try walk(value, "", depth: 0)
        return found
    }
}
