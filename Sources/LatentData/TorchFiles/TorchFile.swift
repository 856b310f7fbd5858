/// Reading the tensors of files written by `torch.save` (zip format since PyTorch 1.6, and the legacy format
/// before it) and `torch.jit.save` (TorchScript archives), without Python and without executing anything
/// in them: the pickles are interpreted, never run.
///
/// Every tensor is returned under its dotted name: a state dict's keys, or a TorchScript module's attribute
/// path (`net.layers.conv.weight`). Anything malformed throws a `DataError` naming the file and what was expected.
public enum TorchFile {
    /// The most tensors one file may hold.
    public static let maximumTensorCount = 100_000
    /// The longest dotted tensor name accepted, in bytes.
    public static let maximumNameLength = 1024
    /// The most bytes the tensors of one file may hold together (2 GiB): a pickle may name one storage many
    /// times, and this bounds what copying them all out of it allocates.
    public static let maximumTotalBytes = 1 << 31

    /// The tensors of the PyTorch file at `path`, in the order the file lists them.
    public static func tensors(atPath path: String) throws -> [TorchTensor] {
        try tensors(in: FileBytes.read(path), name: path)
    }

    /// The tensors of a PyTorch file held in `bytes`; `name` names it in errors.
    public static func tensors(in bytes: [UInt8], name: String) throws -> [TorchTensor] {
        if ZipArchive.isZip(bytes) {
            return try zipTensors(ZipArchive(bytes: bytes, name: name))
        }
        guard bytes.first == 0x80 else {
            throw DataError(file: name, "not a PyTorch file: expected a zip archive or a pickle (first byte 0x80), found \(bytes.first.map { "0x" + String($0, radix: 16) } ?? "an empty file")")
        }
        return try LegacyTorchFile.tensors(in: bytes, name: name)
    }

    /// The tensors of a zip-format file: `ROOT/data.pkl` with storages in `ROOT/data/KEY`.
    private static func zipTensors(_ archive: ZipArchive) throws -> [TorchTensor] {
        let pickles = archive.entries.filter { $0.path.hasSuffix("/data.pkl") && $0.path.split(separator: "/").count == 2 }
        guard pickles.count == 1, let pickle = pickles.first else {
            throw DataError(file: archive.name, "not a PyTorch zip file: expected one ROOT/data.pkl entry, found \(pickles.count)")
        }
        let root = String(pickle.path.dropLast("data.pkl".count))
        if let order = archive.entry(root + "byteorder") {
            let text = String(decoding: try archive.contents(of: order), as: UTF8.self)
            guard text == "little" else {
                throw DataError(file: archive.name, "tensors are stored \(text)-endian; only little-endian files are supported")
            }
        }
        return try read(pickle: try archive.contents(of: pickle), name: "\(archive.name): \(pickle.path)") { key in
            try archive.contents(of: root + "data/" + key)
        }
    }

    /// The named tensors of the pickle `bytes`, their storages' bytes found by `storageBytes(key)`.
    static func read(pickle bytes: [UInt8], name: String, storageBytes: (String) throws -> [UInt8]) throws -> [TorchTensor] {
        let arena = PickleArena()
        let references: [(name: String, tensor: TorchTensorReference)]
        do {
            references = try TorchPickle.namedTensors(in: TorchPickle.machine.run(bytes, arena: arena).value)
        } catch let error as PickleError {
            throw DataError(file: name, error.problem)
        }
        return try materialize(references, name: name, storageBytes: storageBytes)
    }

    /// The tensors `references` describe, copied out of their storages; a name used twice is an error.
    static func materialize(
        _ references: [(name: String, tensor: TorchTensorReference)], name: String, storageBytes: (String) throws -> [UInt8]
    ) throws -> [TorchTensor] {
        var storages: [String: [UInt8]] = [:]
        var names = Set<String>()
        var totalBytes = 0
        return try references.map { reference in
            guard names.insert(reference.name).inserted else {
                throw DataError(file: name, "two tensors are named \"\(reference.name)\"")
            }
            let key = reference.tensor.storage.key
            if storages[key] == nil { storages[key] = try storageBytes(key) }
            do {
                let bytes = try reference.tensor.contiguousBytes(from: storages[key]!)
                totalBytes += bytes.count
                guard totalBytes <= maximumTotalBytes else {
                    throw DataError(file: name, "the tensors up to \(reference.name) hold \(totalBytes) bytes, more than the limit of \(maximumTotalBytes)")
                }
                return TorchTensor(name: reference.name, dtype: reference.tensor.storage.dtype, shape: reference.tensor.shape, bytes: bytes)
            } catch let error as PickleError {
                throw DataError(file: name, "tensor \(reference.name): \(error.problem)")
            }
        }
    }
}
