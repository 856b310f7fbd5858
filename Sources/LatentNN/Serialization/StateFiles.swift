import Foundation

/// Why saved state could not be loaded into a model or optimizer: the file and the problem.
public struct CheckpointError: Error, CustomStringConvertible {
    /// The file or checkpoint directory.
    public let path: String
    /// What is wrong, in words.
    public let problem: String

    public var description: String { "\(path): \(problem)" }
}

extension Module {
    /// Writes the state dict (parameters and buffers, with PyTorch's names) to `url` as a
    /// safetensors file, atomically; `torch.nn.Module.load_state_dict` reads it with `strict=True`.
    /// Float values are stored as F32 and `num_batches_tracked` counters as I64, as PyTorch keeps them.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try SafeTensors.write(stateDictEntries(), metadata: metadata, to: url)
    }

    /// Writes the state dict to the file at `path`; see `save(to:metadata:)`.
    public func save(to path: String, metadata: [String: String] = [:]) throws {
        try save(to: URL(fileURLWithPath: path), metadata: metadata)
    }

    /// Loads parameters and buffers from a safetensors file, as `loadStateDict(_:strict:)`.
    ///
    /// The file is checked (see `SafeTensors`) and nothing is changed when it is malformed, when a
    /// shape differs from the module's, or, with `strict`, when keys are missing or unexpected;
    /// the error names the file and each problem.
    @discardableResult
    public func load(from url: URL, strict: Bool = true) throws -> StateDictKeys {
        try load(from: SafeTensors(contentsOf: url), strict: strict)
    }

    /// Loads parameters and buffers from the file at `path`; see `load(from:strict:)`.
    @discardableResult
    public func load(from path: String, strict: Bool = true) throws -> StateDictKeys {
        try load(from: URL(fileURLWithPath: path), strict: strict)
    }

    /// Loads parameters and buffers from a safetensors file already read.
    @discardableResult
    public func load(from file: SafeTensors, strict: Bool = true) throws -> StateDictKeys {
        do {
            return try loadStateDict(file.tensors(), strict: strict)
        } catch let error as StateDictError {
            throw CheckpointError(path: file.path, problem: error.description)
        }
    }

    /// The state dict as safetensors entries, in state-dict order.
    func stateDictEntries() -> [SafeTensors.Entry] {
        stateDict().map { name, tensor in
            let isCounter = name == "num_batches_tracked" || name.hasSuffix(".num_batches_tracked")
            return SafeTensors.Entry(name, tensor, dtype: isCounter ? .i64 : .f32)
        }
    }
}

extension Optimizer {
    /// Writes the optimizer's state (`stateDict()`) to `url` as a safetensors file, atomically,
    /// with the optimizer's type and learning rate in the metadata.
    public func save(to url: URL) throws {
        try SafeTensors.write(stateEntries(), metadata: stateMetadata(), to: url)
    }

    /// Restores state written by `save(to:)` for the parameters of `module`.
    ///
    /// Refuses, changing nothing, a file written by another kind of optimizer, and state for
    /// parameters the module does not have or of the wrong shape. Restores the learning rate too.
    public func load(from url: URL, for module: Module) throws {
        try load(from: SafeTensors(contentsOf: url), for: module)
    }

    /// Restores state from a safetensors file already read; see `load(from:for:)`.
    public func load(from file: SafeTensors, for module: Module) throws {
        func fail(_ problem: String) -> CheckpointError { CheckpointError(path: file.path, problem: problem) }
        let kind = String(describing: type(of: self))
        guard file.metadata["optimizer"] == kind else {
            throw fail("holds state of optimizer \(file.metadata["optimizer"] ?? "(unnamed)"), not \(kind)")
        }
        guard let text = file.metadata["learning_rate"], let rate = Float(text), rate.isFinite else {
            throw fail("has no valid learning_rate in its metadata")
        }
        let state = try file.tensors()
        let parameters = Dictionary(module.allParameters.map { ($0.name, $0.tensor.shape) }, uniquingKeysWith: { first, _ in first })
        for (key, tensor) in state.sorted(by: { $0.key < $1.key }) where key != "step" {
            guard let dot = key.lastIndex(of: "."), let shape = parameters[String(key[..<dot])] else {
                throw fail("optimizer state \(key) is for no parameter of the module")
            }
            let expected = key[key.index(after: dot)...] == "step" ? [] : shape
            guard tensor.shape == expected else {
                throw fail("optimizer state \(key) has shape \(tensor.shape) but needs \(expected)")
            }
        }
        do {
            try loadStateDict(state)
        } catch let error as OptimizerStateError {
            throw fail(error.description)
        }
        learningRate = rate
    }

    /// The state dict as safetensors entries, sorted by name, with the steps as I64.
    func stateEntries() -> [SafeTensors.Entry] {
        stateDict().sorted { $0.key < $1.key }.map { name, tensor in
            let isStep = name == "step" || name.hasSuffix(".step")
            return SafeTensors.Entry(name, tensor, dtype: isStep ? .i64 : .f32)
        }
    }

    /// The metadata stored with the state: the optimizer's type and learning rate.
    func stateMetadata() -> [String: String] {
        ["optimizer": String(describing: type(of: self)), "learning_rate": "\(learningRate)"]
    }
}
