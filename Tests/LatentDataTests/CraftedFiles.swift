/// Hand-made hostile files: PyTorch pickles and zip archives built byte by byte, for the parsers' limits.
enum CraftedFiles {
    /// The CRC-32 (zip's, polynomial 0xEDB88320) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc = UInt32.max
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// `value` as `width` little-endian bytes.
    static func little(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    /// `value` as four big-endian bytes (PNG's and JPEG's order).
    static func bigEndian(_ value: Int) -> [UInt8] {
        little(value, 4).reversed()
    }

    /// A zip archive of stored (uncompressed) `entries`.
    static func zip(_ entries: [(path: String, contents: [UInt8])]) -> [UInt8] {
        var archive: [UInt8] = [], directory: [UInt8] = []
        for (path, contents) in entries {
            let name = Array(path.utf8), offset = archive.count
            var fields: [UInt8] = little(0, 2)  // flags
            fields += little(0, 2) + little(0, 4)  // method (stored), time and date
            fields += little(Int(crc32(contents)), 4) + little(contents.count, 4) + little(contents.count, 4)
            fields += little(name.count, 2) + little(0, 2)  // name and extra field lengths
            archive += little(0x0403_4B50, 4) + little(20, 2) + fields + name + contents
            directory += little(0x0201_4B50, 4) + little(20, 2) + little(20, 2) + fields
            directory += little(0, 2) + little(0, 8) + little(offset, 4) + name  // comment, disk, attributes, offset
        }
        var end: [UInt8] = little(0x0605_4B50, 4) + little(0, 4)
        end += little(entries.count, 2) + little(entries.count, 2)
        end += little(directory.count, 4) + little(archive.count, 4) + little(0, 2)
        return archive + directory + end
    }

    /// The pickle opcodes of a string.
    static func string(_ text: String) -> [UInt8] {
        [0x58] + little(text.utf8.count, 4) + Array(text.utf8)
    }

    /// The pickle opcodes of a global `module.name`.
    static func global(_ module: String, _ name: String) -> [UInt8] {
        [0x63] + Array("\(module)\n\(name)\n".utf8)
    }

    /// The pickle opcodes of an integer (LONG1, 8 bytes).
    static func integer(_ value: Int) -> [UInt8] {
        [0x8A, 8] + little(value, 8)
    }

    /// The pickle opcodes of a tuple of integers.
    static func integers(_ values: [Int]) -> [UInt8] {
        [0x28] + values.flatMap(integer) + [0x74]
    }

    /// The pickle opcodes of a tensor of `shape`, `strides` and `offset` viewing the FloatStorage `storage` that
    /// declares `elements` elements.
    static func tensor(storage key: String = "0", elements: Int, shape: [Int], strides: [Int], offset: Int = 0) -> [UInt8] {
        var storage: [UInt8] = [0x28] + string("storage") + global("torch", "FloatStorage")
        storage += string(key) + string("cpu") + integer(elements) + [0x74, 0x51]  // TUPLE, BINPERSID
        let hooks: [UInt8] = global("collections", "OrderedDict") + [0x29, 0x52]  // OrderedDict()
        var tensor: [UInt8] = global("torch._utils", "_rebuild_tensor_v2") + [0x28] + storage
        tensor += integer(offset) + integers(shape) + integers(strides)
        return tensor + [0x89] + hooks + [0x74, 0x52]  // False, hooks, TUPLE, REDUCE
    }

    /// A pickled state dict `{key: tensor}`: a tensor of `shape`, `strides` and `offset` viewing the
    /// FloatStorage "0" that declares `elements` elements.
    static func stateDictPickle(key: String = "weight", elements: Int, shape: [Int], strides: [Int], offset: Int = 0) -> [UInt8] {
        let tensor = tensor(elements: elements, shape: shape, strides: strides, offset: offset)
        return [0x80, 0x02, 0x7D] + string(key) + tensor + [0x73, 0x2E]  // PROTO 2, {}, SETITEM, STOP
    }

    /// A zip-format PyTorch file holding `pickle` as `archive/data.pkl` and `storage` as the storage "0".
    static func torchZip(pickle: [UInt8], storage: [UInt8]) -> [UInt8] {
        zip([("archive/data.pkl", pickle), ("archive/byteorder", Array("little".utf8)), ("archive/data/0", storage)])
    }
}
