import Foundation
import LatentTensor

/// The state of a training run at one step, saved as a directory: one safetensors file per model
/// and per optimizer (`generator.safetensors`, `generator_optimizer.safetensors`, …) and a
/// `manifest.json` with the step, epoch, random generator states and the files' checksums.
///
/// Each file is written atomically and the manifest last, so a save interrupted part-way leaves
/// files that disagree with the manifest; loading notices and refuses them rather than resuming
/// from a mixture of two steps.
public struct Checkpoint: Sendable, Equatable {
    /// What a file of a checkpoint restores.
    public enum Part {
        /// A model's parameters and buffers.
        case module(Module)
        /// An optimizer's state, for the parameters of a module.
        case optimizer(any Optimizer, for: Module)
    }

    /// The number of optimizer steps taken.
    public var step: Int
    /// The number of completed epochs.
    public var epoch: Int
    /// Random generators to resume, by name (such as `global` and `data`).
    public var random: [String: RandomGenerator]
    /// Other values to keep with the checkpoint.
    public var metadata: [String: String]

    /// The manifest's file name inside a checkpoint directory.
    public static let manifestName = "manifest.json"

    public init(step: Int, epoch: Int, random: [String: RandomGenerator] = [:], metadata: [String: String] = [:]) {
        self.step = step
        self.epoch = epoch
        self.random = random
        self.metadata = metadata
    }

    /// Writes each part to `<name>.safetensors` in `directory` (created if needed), then the manifest.
    /// Names may use letters, digits, `_`, `-` and `.`.
    public func save(to directory: URL, parts: [String: Part]) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CheckpointError(path: directory.path, problem: "cannot create the directory: \(error.localizedDescription)")
        }
        var files: [Manifest.File] = []
        for (name, part) in parts.sorted(by: { $0.key < $1.key }) {
            guard Self.isValidName(name) else {
                throw CheckpointError(path: directory.path, problem: "part name \"\(name)\" is not a plain file name")
            }
            let data: Data
            let kind: String
            switch part {
            case .module(let module):
                data = try SafeTensors.encode(module.stateDictEntries())
                kind = "module"
            case .optimizer(let optimizer, _):
                data = try SafeTensors.encode(optimizer.stateEntries(), metadata: optimizer.stateMetadata())
                kind = "optimizer"
            }
            let file = name + ".safetensors"
            try AtomicFile.write(data, to: directory.appendingPathComponent(file))
            files.append(Manifest.File(name: name, kind: kind, file: file, bytes: data.count, fnv1a64: Self.checksum(data)))
        }
        let manifest = Manifest(
            format: Manifest.formatName, version: Manifest.currentVersion, step: step, epoch: epoch,
            random: random.mapValues { $0.stateWords.map(Self.hex) }, metadata: metadata, files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: directory.appendingPathComponent(Self.manifestName))
    }

    /// Reads the checkpoint in `directory` and restores every part; returns the step, epoch,
    /// random generators and metadata, which the caller puts back in place.
    ///
    /// The parts must be exactly those the manifest lists. Every file is read and checked (against
    /// the manifest's checksums, the models' keys and shapes, the optimizers' kinds) before anything
    /// is restored; on any failure nothing is changed and the error names the file and the problem.
    public static func load(from directory: URL, parts: [String: Part]) throws -> Checkpoint {
        let manifestURL = directory.appendingPathComponent(manifestName)
        let manifest = try readManifest(manifestURL)
        func fail(_ problem: String) -> CheckpointError { CheckpointError(path: manifestURL.path, problem: problem) }

        let listed = Set(manifest.files.map(\.name))
        guard listed.count == manifest.files.count else { throw fail("lists a part twice") }
        let missing = listed.subtracting(parts.keys).sorted(), unexpected = Set(parts.keys).subtracting(listed).sorted()
        guard missing.isEmpty, unexpected.isEmpty else {
            var problems: [String] = []
            if !missing.isEmpty { problems.append("the checkpoint has parts \(missing.joined(separator: ", ")) that were not given") }
            if !unexpected.isEmpty { problems.append("parts \(unexpected.joined(separator: ", ")) are not in the checkpoint") }
            throw fail(problems.joined(separator: "; "))
        }
        var random: [String: RandomGenerator] = [:]
        for (name, words) in manifest.random {
            let values = words.compactMap { UInt64($0.hasPrefix("0x") ? String($0.dropFirst(2)) : "", radix: 16) }
            guard values.count == 4, words.count == 4 else { throw fail("random state \(name) is not four 64-bit hexadecimal words") }
            random[name] = RandomGenerator(state: values)
        }
        guard manifest.step >= 0, manifest.epoch >= 0 else { throw fail("step and epoch must not be negative") }

        var files: [(entry: Manifest.File, file: SafeTensors)] = []
        for entry in manifest.files {
            guard isValidName(entry.name), entry.file == entry.name + ".safetensors" else {
                throw fail("file \(entry.file) of part \(entry.name) is not <name>.safetensors")
            }
            let url = directory.appendingPathComponent(entry.file)
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw CheckpointError(path: url.path, problem: "cannot be read: \(FileProblem.reading(url.path, error: error))")
            }
            guard data.count == entry.bytes, checksum(data) == entry.fnv1a64 else {
                throw CheckpointError(path: url.path, problem: "does not match the manifest's size and checksum (an interrupted save, or a file from another checkpoint)")
            }
            files.append((entry, try SafeTensors(data: data, path: url.path)))
        }
        try restore(files.map { ($0.file, parts[$0.entry.name]!, $0.entry.kind) })
        return Checkpoint(step: manifest.step, epoch: manifest.epoch, random: random, metadata: manifest.metadata)
    }

    /// Loads every file into its part, putting every part back as it was if one fails.
    private static func restore(_ items: [(file: SafeTensors, part: Part, kind: String)]) throws {
        var undo: [() throws -> Void] = []
        do {
            for (file, part, kind) in items {
                switch part {
                case .module(let module):
                    guard kind == "module" else { throw CheckpointError(path: file.path, problem: "holds \(kind) state, not a model's") }
                    let saved = module.stateDict().map { ($0.0, $0.1.copy()) }
                    try module.load(from: file)
                    undo.append { try module.loadStateDict(saved) }
                case .optimizer(let optimizer, let module):
                    guard kind == "optimizer" else { throw CheckpointError(path: file.path, problem: "holds \(kind) state, not an optimizer's") }
                    let saved = optimizer.stateDict(), rate = optimizer.learningRate
                    try optimizer.load(from: file, for: module)
                    undo.append {
                        try optimizer.loadStateDict(saved)
                        optimizer.learningRate = rate
                    }
                }
            }
        } catch {
            for step in undo.reversed() { try step() }
            throw error
        }
    }

    private static func readManifest(_ url: URL) throws -> Manifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CheckpointError(path: url.path, problem: "cannot be read: \(FileProblem.reading(url.path, error: error))")
        }
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw CheckpointError(path: url.path, problem: "is not a valid checkpoint manifest: \(error)")
        }
        guard manifest.format == Manifest.formatName, manifest.version == Manifest.currentVersion else {
            throw CheckpointError(path: url.path, problem: "has format \(manifest.format) version \(manifest.version); expected \(Manifest.formatName) version \(Manifest.currentVersion)")
        }
        return manifest
    }

    private static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.count <= 200
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_-.".unicodeScalars.contains($0)) }
    }

    private static func hex(_ word: UInt64) -> String {
        let digits = String(word, radix: 16)
        return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The 64-bit FNV-1a hash of `data`, in hexadecimal.
    static func checksum(_ data: Data) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        data.withUnsafeBytes { raw in
            for byte in raw {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return hex(hash)
    }

    /// The contents of `manifest.json`.
    private struct Manifest: Codable {
        static let formatName = "latent-checkpoint"
        static let currentVersion = 1

        struct File: Codable {
            let name: String
            /// `module` or `optimizer`.
            let kind: String
            let file: String
            let bytes: Int
            let fnv1a64: String
        }

        let format: String
        let version: Int
        let step: Int
        let epoch: Int
        /// Each generator's four state words as `0x`-prefixed hexadecimal strings.
        let random: [String: [String]]
        let metadata: [String: String]
        let files: [File]
    }
}
