/// The format `torch.save` wrote before PyTorch 1.6 (and still writes with `_use_new_zipfile_serialization=False`):
/// five pickles in a row (magic number, protocol version 1001, system information, the saved object, the list
/// of storage keys), then each storage's element count as a little-endian Int64 and its bytes, in that order.
enum LegacyTorchFile {
    /// The magic number's little-endian bytes (0x1950a86a20f9469cfc6c).
    static let magic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    /// The tensors of the legacy-format file in `bytes`.
    static func tensors(in bytes: [UInt8], name: String) throws -> [TorchTensor] {
        let arena = PickleArena()
        let plain = PickleMachine(persistentLoad: { _ in throw PickleError("unexpected persistent id in a header pickle") }, call: { _, _, _ in nil })
        var position = 0
        func next(_ machine: PickleMachine, _ what: String) throws -> PickleValue {
            do {
                let (value, end) = try machine.run(bytes, from: position, arena: arena)
                position = end
                return value
            } catch let error as PickleError {
                throw DataError(file: name, "\(what): \(error.problem)")
            }
        }
        guard case .bigInt(let number) = try next(plain, "magic number"), number == magic else {
            throw DataError(file: name, "not a PyTorch file: the first pickle is not PyTorch's magic number")
        }
        guard case .int(1001) = try next(plain, "protocol version") else {
            throw DataError(file: name, "unsupported legacy protocol version (expected 1001)")
        }
        if case .dict(let information) = try next(plain, "system information"),
           information.entries.contains(where: { if case (.string("little_endian"), .bool(false)) = $0 { true } else { false } }) {
            throw DataError(file: name, "tensors are stored big-endian; only little-endian files are supported")
        }
        let saved = try next(TorchPickle.machine, "saved object")
        guard case .list(let keyList) = try next(plain, "storage keys") else {
            throw DataError(file: name, "the storage key list is missing")
        }
        let references: [(name: String, tensor: TorchTensorReference)]
        do {
            references = try TorchPickle.namedTensors(in: saved)
        } catch let error as PickleError {
            throw DataError(file: name, error.problem)
        }
        var storageTypes: [String: TorchStorageReference] = [:]
        for reference in references { storageTypes[reference.tensor.storage.key] = reference.tensor.storage }
        var cursor = ByteCursor(bytes, at: position, context: name)
        var storages: [String: [UInt8]] = [:]
        for item in keyList.items {
            guard case .string(let key) = item else { throw DataError(file: name, "a storage key is \(item.kind), expected a string") }
            let count = try cursor.count(8, "the element count of storage \(key)")
            guard let storage = storageTypes[key] else {
                throw DataError(file: name, "storage \(key) is not used by any tensor, so its element size is unknown")
            }
            guard count == storage.count, count <= Int.max / storage.dtype.size else {
                throw DataError(file: name, "storage \(key) holds \(count) elements, expected \(storage.count)")
            }
            storages[key] = Array(try cursor.take(count * storage.dtype.size, "storage \(key)"))
        }
        return try TorchFile.materialize(references, name: name) { key in
            guard let bytes = storages[key] else { throw DataError(file: name, "storage \(key) is not in the file") }
            return bytes
        }
    }
}
