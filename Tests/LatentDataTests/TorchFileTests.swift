import Foundation
@testable import LatentData
import LatentNN
import Testing

/// The PyTorch file reader against files written by PyTorch (`Scripts/make_torch_file_fixtures.py`), and on
/// malformed input.
@Suite struct TorchFileTests {
    static func fixture(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: "Fixtures/torch/" + name, withExtension: nil)).path
    }

    /// The values of `tensor` as Float64 (exact for the F32, F64 and I64 fixtures).
    static func doubles(_ tensor: TorchTensor) -> [Double] {
        let size = tensor.dtype.size
        return stride(from: 0, to: tensor.bytes.count, by: size).map { at in
            let bits = tensor.bytes[at..<at + size].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            switch tensor.dtype {
            case .float32: return Double(Float(bitPattern: UInt32(bits)))
            case .float64: return Double(bitPattern: bits)
            case .int64: return Double(Int64(bitPattern: bits))
            default: return .nan
            }
        }
    }

    /// Expects `tensors` to be exactly the tensors of the safetensors file `expected`, in the order `names`.
    static func expectEqual(_ tensors: [TorchTensor], _ expected: String, names: [String]) throws {
        let reference = try SafeTensors(contentsOfFile: try fixture(expected))
        #expect(tensors.map(\.name) == names)
        #expect(Set(reference.names) == Set(names))
        for tensor in tensors {
            let info = try #require(reference.info(tensor.name))
            #expect(tensor.shape == info.shape, "\(tensor.name)")
            #expect(tensor.dtype.size == info.dtype.size, "\(tensor.name)")
            #expect(doubles(tensor) == (try reference.doubles(tensor.name)), "\(tensor.name)")
        }
    }

    /// Where `pattern` first occurs in `bytes`.
    static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        (0...bytes.count - pattern.count).first { start in pattern.indices.allSatisfy { bytes[start + $0] == pattern[$0] } }
    }

    static let stateDictNames = [
        "conv.weight", "conv.bias", "bn.running_var", "bn.num_batches_tracked", "double", "transposed",
        "slice_at_offset", "shared_head", "nested.list.0", "nested.list.1",
    ]

    @Test func zipStateDictMatchesPyTorch() throws {
        let tensors = try TorchFile.tensors(atPath: try Self.fixture("state-dict-zip.pt"))
        try Self.expectEqual(tensors, "state-dict-expected.safetensors", names: Self.stateDictNames)
        #expect(tensors.map(\.dtype) == [.float32, .float32, .float32, .int64, .float64, .float32, .float32, .float32, .int64, .float32])
    }

    @Test func legacyStateDictMatchesPyTorch() throws {
        let tensors = try TorchFile.tensors(atPath: try Self.fixture("state-dict-legacy.pt"))
        try Self.expectEqual(tensors, "state-dict-expected.safetensors", names: Self.stateDictNames)
        #expect(tensors == (try TorchFile.tensors(atPath: try Self.fixture("state-dict-zip.pt"))))
    }

    @Test func torchScriptModuleMatchesItsStateDict() throws {
        let tensors = try TorchFile.tensors(atPath: try Self.fixture("module-jit.pt"))
        try Self.expectEqual(tensors, "module-jit-expected.safetensors", names: [
            "0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
        ])
    }

    @Test func truncatedAndCorruptZipFilesAreRefused() throws {
        let path = try Self.fixture("state-dict-zip.pt")
        let bytes = try FileBytes.read(path)
        #expect(dataErrorMessage { _ = try TorchFile.tensors(in: Array(bytes.prefix(2000)), name: "cut.pt") }
            == "cut.pt: not a zip archive: no end-of-central-directory record (truncated or not a zip file)")
        // One byte of the first storage changed: its CRC-32 no longer matches.
        let archive = try ZipArchive(bytes: bytes, name: path)
        let storage = try #require(archive.entry("state-dict-zip/data/0"))
        let stored = try archive.contents(of: storage)
        let start = try #require(Self.firstIndex(of: stored, in: bytes))
        var corrupt = bytes
        corrupt[start + 5] ^= 0x40
        let message = try #require(dataErrorMessage { _ = try TorchFile.tensors(in: corrupt, name: "flipped.pt") })
        #expect(message.hasPrefix("flipped.pt: state-dict-zip/data/0: CRC-32 mismatch: expected "))
        #expect(dataErrorMessage { _ = try TorchFile.tensors(in: Array("hello".utf8), name: "text.pt") }
            == "text.pt: not a PyTorch file: expected a zip archive or a pickle (first byte 0x80), found 0x68")
    }

    @Test func truncatedAndCorruptLegacyFilesAreRefused() throws {
        let bytes = try FileBytes.read(try Self.fixture("state-dict-legacy.pt"))
        let truncated = try #require(dataErrorMessage { _ = try TorchFile.tensors(in: Array(bytes.dropLast(3)), name: "cut.pt") })
        #expect(truncated.hasPrefix("cut.pt: truncated at byte "))
        #expect(truncated.contains("bytes of storage"))
        // The saved object's first opcode after PROTO replaced by one no PyTorch file uses.
        // The saved object is the fourth pickle: after STOP, PROTO 2 and GLOBAL collections.OrderedDict.
        let savedStart = try #require(Self.firstIndex(of: [0x2E, 0x80, 0x02, 0x63] + Array("collections".utf8), in: bytes)) + 1
        var wrong = bytes
        wrong[savedStart + 2] = 0xFF
        let message = try #require(dataErrorMessage { _ = try TorchFile.tensors(in: wrong, name: "bad.pt") })
        #expect(message == "bad.pt: saved object: unsupported opcode 0xff (opcode 0xff at byte \(savedStart + 2))")
        var magic = bytes
        magic[5] ^= 1
        #expect(dataErrorMessage { _ = try TorchFile.tensors(in: magic, name: "magic.pt") }
            == "magic.pt: not a PyTorch file: the first pickle is not PyTorch's magic number")
    }

    /// Runs the pickle `body` (after PROTO 2, before STOP) and returns the error, or nil.
    static func pickleError(_ body: [UInt8]) -> String? {
        dataErrorMessage { _ = try TorchFile.read(pickle: [0x80, 0x02] + body + [0x2E], name: "p.pkl") { _ in [] } }
    }

    @Test func malformedPicklesThrowNamedErrors() {
        #expect(Self.pickleError([0x61]) == "p.pkl: the stack is empty (opcode 0x61 at byte 2)")
        #expect(Self.pickleError([0x68, 0x03]) == "p.pkl: memo entry 3 is read before it is written (opcode 0x68 at byte 2)")
        #expect(Self.pickleError([0x29, 0x29]) == "p.pkl: STOP leaves 2 values and 0 marks, expected one value (opcode 0x2e at byte 4)")
        #expect(Self.pickleError([0x58, 0xFF, 0xFF, 0xFF, 0x7F])
            == "p.pkl: truncated at byte 7: expected 2147483647 bytes of string, 1 remain (opcode 0x58 at byte 2)")
        // A call of anything but PyTorch's tensor rebuilding is kept inert, never made.
        #expect(Self.pickleError([0x63] + Array("os\nsystem\n".utf8) + [0x58, 2, 0, 0, 0, 0x6C, 0x73, 0x85, 0x52]) == nil)
        // A storage of an unknown type.
        let id = [0x28, 0x58, 7, 0, 0, 0, ] + Array("storage".utf8) + [0x63] + Array("torch\nEvilStorage\n".utf8)
            + [0x58, 1, 0, 0, 0, 0x30, 0x58, 3, 0, 0, 0] + Array("cpu".utf8) + [0x4B, 4, 0x74, 0x51]
        let unknown = Self.pickleError(id)
        #expect(unknown?.hasPrefix("p.pkl: a storage has type the global torch.EvilStorage, expected one of torch.DoubleStorage") == true)
    }

    @Test func picklesBeyondTheInterpretersLimitsAreRefused() {
        let stack = Self.pickleError([UInt8](repeating: 0x4E, count: PickleMachine.maximumStackDepth + 1))
        #expect(stack?.hasPrefix("p.pkl: the pickle exceeds the interpreter's limits (1000000 stack values, 100000 marks, 1000000 memo entries) at byte 1000003") == true)
        let marks = Self.pickleError([UInt8](repeating: 0x28, count: PickleMachine.maximumMarks + 1))
        #expect(marks?.hasPrefix("p.pkl: the pickle exceeds the interpreter's limits") == true)
        // One value memoized under ever new keys (LONG_BINPUT 0, 1, 2, ...).
        var memo: [UInt8] = [0x4E]
        for key in 0...PickleMachine.maximumMemoEntries { memo += [0x72] + CraftedFiles.little(key, 4) }
        #expect(Self.pickleError(memo)?.hasPrefix("p.pkl: the pickle exceeds the interpreter's limits") == true)
    }

    @Test func deepAndSelfReferencingValuesNeitherCrashNorLoop() {
        // A list that holds itself: no tensors, and the walk ends.
        #expect(Self.pickleError([0x5D, 0x71, 0x00, 0x68, 0x00, 0x61]) == nil)
        // 100,000 lists nested in each other: refused by the walk, released without deep recursion.
        let depth = 100_000
        let nested = [UInt8](repeating: 0x5D, count: depth) + [UInt8](repeating: 0x61, count: depth - 1)
        let message = Self.pickleError(nested)
        #expect(message?.hasPrefix("p.pkl: values nest more than 200 deep at 0.0.0.0.0.0") == true)
    }
}

/// PyTorch files built byte by byte whose sizes, offsets and strides lie: each is refused with an error that
/// names the file, before any copy leaves the storage's bytes.
@Suite struct HostileTorchFileTests {
    /// The little-endian Float32 values 1, 2, 3 and 4.
    static let storage: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40]

    static func message(elements: Int, shape: [Int], strides: [Int], offset: Int = 0) -> String? {
        let pickle = CraftedFiles.stateDictPickle(elements: elements, shape: shape, strides: strides, offset: offset)
        return dataErrorMessage { _ = try TorchFile.tensors(in: CraftedFiles.torchZip(pickle: pickle, storage: storage), name: "evil.pth") }
    }

    @Test func theCraftedFileReadsWhenItsSizesAreTrue() throws {
        let pickle = CraftedFiles.stateDictPickle(elements: 4, shape: [2, 2], strides: [1, 2])
        let tensors = try TorchFile.tensors(in: CraftedFiles.torchZip(pickle: pickle, storage: Self.storage), name: "good.pth")
        #expect(tensors.map(\.name) == ["weight"] && tensors.first?.shape == [2, 2])
        #expect(tensors.first?.floats == [1, 3, 2, 4])
    }

    /// The over-read of issue 14: 2^62 + 4 elements of 4 bytes wrap to 16 bytes, which the storage holds.
    @Test func aStorageWhoseByteCountOverflowsIsRefused() {
        #expect(Self.message(elements: (1 << 62) + 4, shape: [1 << 20], strides: [1])
            == "evil.pth: archive/data.pkl: tensor weight: storage 0 holds 16 bytes, but its persistent id declares 4611686018427387908 elements of 4 bytes")
    }

    @Test func viewsBeyondTheStorageOrRepeatingItAreRefused() {
        #expect(Self.message(elements: 4, shape: [2], strides: [1], offset: 3)
            == "evil.pth: archive/data.pkl: tensor weight: a tensor of shape [2], strides [1] and offset 3 reaches element 4 of storage 0, which has 4")
        #expect(Self.message(elements: 4, shape: [1 << 40], strides: [0])
            == "evil.pth: archive/data.pkl: tensor weight: a tensor of shape [1099511627776] has 1099511627776 elements, more than the 4 of its storage 0")
        #expect(Self.message(elements: 4, shape: [3, 1 << 62], strides: [1 << 62, 1])?.hasPrefix(
            "evil.pth: archive/data.pkl: a tensor of shape [3, 4611686018427387904], strides [4611686018427387904, 1] and offset 0 is too large") == true)
    }

    @Test func overlongNamesAndTooManyTensorsAreRefused() throws {
        let pickle = CraftedFiles.stateDictPickle(key: String(repeating: "k", count: 1025), elements: 4, shape: [4], strides: [1])
        let message = dataErrorMessage { _ = try TorchFile.tensors(in: CraftedFiles.torchZip(pickle: pickle, storage: Self.storage), name: "long.pth") }
        #expect(message?.hasPrefix("long.pth: archive/data.pkl: a tensor name is longer than the limit of 1024 bytes: kkk") == true)
        // A list holding one tensor 100,001 times through the memo (BINPUT 0 after the tensor, then BINGET 0).
        var list: [UInt8] = [0x80, 0x02, 0x5D, 0x28] + CraftedFiles.tensor(elements: 4, shape: [4], strides: [1]) + [0x71, 0x00]
        for _ in 0..<TorchFile.maximumTensorCount { list += [0x68, 0x00] }
        list += [0x65, 0x2E]  // APPENDS, STOP
        let many = dataErrorMessage { _ = try TorchFile.tensors(in: CraftedFiles.torchZip(pickle: list, storage: Self.storage), name: "many.pth") }
        #expect(many == "many.pth: archive/data.pkl: holds more than the limit of 100000 tensors")
    }

    /// Each storage used to be looked up by scanning every entry of the archive: quadratic in the number of
    /// storages (50,000 lookups among 50,000 entries took six minutes in a debug build).
    @Test func entriesAreFoundWithoutScanningTheArchive() throws {
        let count = 50_000
        let archive = try ZipArchive(bytes: CraftedFiles.zip((0..<count).map { ("archive/data/\($0)", []) }), name: "many.zip")
        let clock = ContinuousClock(), start = clock.now
        let found = (0..<count).filter { archive.entry("archive/data/\($0)")?.path == "archive/data/\($0)" }.count
        #expect(found == count)
        #expect(clock.now - start < .seconds(10), "\(count) lookups took \(clock.now - start)")
    }

    /// A stride that cannot be stepped without overflow, on an axis of size 1 that never steps it.
    @Test func aHugeStrideOnALengthOneAxisReadsWithoutOverflow() throws {
        let pickle = CraftedFiles.stateDictPickle(elements: 4, shape: [1, 4], strides: [Int.max, 1])
        let tensors = try TorchFile.tensors(in: CraftedFiles.torchZip(pickle: pickle, storage: Self.storage), name: "stride.pth")
        #expect(tensors.first?.floats == [1, 2, 3, 4])
    }

    @Test func anEntryAnnouncingMoreThanDeflateCanUnpackIsRefusedBeforeAllocating() {
        var archive = CraftedFiles.zip([("archive/data.pkl", [0x80, 0x02, 0x7D, 0x2E])])
        // Method 8 (deflate) and an unpacked size of 4 GiB - 2 in the central directory entry.
        let directory = archive.count - 22 - 46 - "archive/data.pkl".utf8.count
        archive[directory + 10] = 8
        archive.replaceSubrange((directory + 24)..<(directory + 28), with: CraftedFiles.little(0xFFFF_FFFE, 4))
        #expect(dataErrorMessage { _ = try TorchFile.tensors(in: archive, name: "bomb.pth") }
            == "bomb.pth: archive/data.pkl: compressed entry of 4 bytes cannot unpack to the 4294967294 bytes its header gives (deflate expands at most 1032-fold)")
    }
}
