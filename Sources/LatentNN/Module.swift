import LatentTensor

/// A part of a network that owns parameters, buffers and child modules, as `torch.nn.Module`.
///
/// Subclasses declare their state as stored properties: tensors as `@Parameter var weight: Tensor`
/// or `@Buffer var runningMean: Tensor`, children as properties of a `Module` type (optional or in
/// arrays). These are found by reflection and named as PyTorch names them (`main.0.weight`,
/// `bn.running_mean`), so state dicts move between the two. Properties are found on first use;
/// declare child modules with `let` (debug builds stop if one is replaced later). A module that keeps
/// children or tensors where reflection does not look (a dictionary of layers) overrides `members()`.
open class Module {
    /// Whether the module is in training mode (the default) rather than evaluation mode;
    /// dropout and batch normalization behave differently in each.
    public private(set) var training = true

    public init() {}

    /// This module's own state and direct children, each with its state-dict name.
    public struct Members {
        /// The parameters: the storage of `@Parameter` properties (`_weight` for `@Parameter var weight`).
        public var parameters: [(name: String, slot: TensorSlot)]
        /// The buffers: the storage of `@Buffer` properties.
        public var buffers: [(name: String, slot: TensorSlot)]
        /// The direct children; their state is named `NAME.…`.
        public var children: [(name: String, module: Module)]
        /// Modules whose state is listed as this module's own, with no name prefix (wrapped by `SpectralNorm`).
        var inlined: [Module]

        /// Members with these parameters, buffers and children.
        public init(
            parameters: [(name: String, slot: TensorSlot)] = [], buffers: [(name: String, slot: TensorSlot)] = [],
            children: [(name: String, module: Module)] = []
        ) {
            self.init(parameters: parameters, buffers: buffers, inlined: [], children: children)
        }

        /// Members that also list the state of `inlined` modules as their own (with no name prefix), besides
        /// `children`: a wrapper that keeps the wrapped module's state-dict names.
        public init(
            parameters: [(name: String, slot: TensorSlot)] = [], buffers: [(name: String, slot: TensorSlot)] = [],
            inlined: [Module], children: [(name: String, module: Module)] = []
        ) {
            self.parameters = parameters
            self.buffers = buffers
            self.children = children
            self.inlined = inlined
        }
    }

    /// A stored property that holds state: a tensor slot, a child module or an array of them.
    private enum Reflected {
        case slot(TensorSlot)
        case module(Module)
        case modules([Module])

        var objects: [AnyObject] {
            switch self {
            case .slot(let slot): [slot]
            case .module(let module): [module]
            case .modules(let modules): modules
            }
        }
    }

    /// The stateful stored properties, found once (reflection is slow) on first use.
    private var reflected: [(name: String, value: Reflected)]?

    /// This module's parameters, buffers and direct children, named: by default those found by reflection
    /// over stored properties (base class properties first; a child in an array property `blocks` is named
    /// `blocks.0`, `blocks.1`, …). A module that holds state elsewhere, or names its children differently, overrides
    /// this, calling `super.members()` for the reflected part when it has one:
    ///
    /// ```swift
    /// final class Heads: Module {
    ///     let heads: [String: Linear]
    ///     override func members() -> Members {
    ///         Members(children: heads.sorted { $0.key < $1.key }.map { (name: $0.key, module: $0.value as Module) })
    ///     }
    /// }
    /// ```
    open func members() -> Members {
        let properties = reflected ?? reflectStoredProperties()
        reflected = properties
        assert(properties.flatMap(\.value.objects).map(ObjectIdentifier.init)
               == reflectStoredProperties().flatMap(\.value.objects).map(ObjectIdentifier.init),
               "\(type(of: self)): a child module was replaced after the module was first used; declare children with let")
        var result = Members()
        for (name, value) in properties {
            switch value {
            case .slot(let slot):
                guard slot.isRegistered, slot.tensor != nil else { continue }
                let key = slot.key ?? snakeCase(name)
                if slot.isBuffer { result.buffers.append((key, slot)) } else { result.parameters.append((key, slot)) }
            case .module(let module):
                result.children.append((snakeCase(name), module))
            case .modules(let modules):
                for (index, module) in modules.enumerated() { result.children.append(("\(snakeCase(name)).\(index)", module)) }
            }
        }
        return result
    }

    private func reflectStoredProperties() -> [(name: String, value: Reflected)] {
        var mirrors: [Mirror] = []
        var next: Mirror? = Mirror(reflecting: self)
        while let mirror = next {
            mirrors.append(mirror)
            next = mirror.superclassMirror
        }
        var result: [(name: String, value: Reflected)] = []
        for mirror in mirrors.reversed() {
            for case let (label?, value) in mirror.children {
                let name = label.hasPrefix("_") ? String(label.dropFirst()) : label
                switch value {
                case let slot as TensorSlot: result.append((name, .slot(slot)))
                case let module as Module: result.append((name, .module(module)))
                case let modules as [Module]: result.append((name, .modules(modules)))
                default: continue
                }
            }
        }
        return result
    }

    /// Members with inlined modules' state merged in front of this module's own.
    private func mergedMembers() -> Members {
        let own = members()
        var result = Members()
        for module in own.inlined {
            let inner = module.mergedMembers()
            result.parameters += inner.parameters
            result.buffers += inner.buffers
            result.children += inner.children
        }
        result.parameters += own.parameters
        result.buffers += own.buffers
        result.children += own.children
        return result
    }

    /// Every slot of this module and its descendants with its dotted name, module by module
    /// (own parameters, own buffers, then children), the order of PyTorch's `state_dict()`.
    func namedSlots(prefix: String = "") -> [(name: String, slot: TensorSlot)] {
        let members = mergedMembers()
        var result = (members.parameters + members.buffers).map { (prefix + $0.name, $0.slot) }
        for (name, child) in members.children {
            result += child.namedSlots(prefix: prefix + name + ".")
        }
        return result
    }

    /// Parameter slots in state-dict order, each tensor once (shared parameters keep their first name).
    private func uniqueParameterSlots() -> [(name: String, slot: TensorSlot)] {
        var seen = Set<ObjectIdentifier>()
        return namedSlots().filter { !$0.slot.isBuffer && seen.insert(ObjectIdentifier($0.slot.tensor!)).inserted }
    }

    /// The trainable (not frozen) parameters with their dotted names, as `named_parameters()`.
    public func namedParameters() -> [NamedParameter] {
        uniqueParameterSlots().filter { !$0.slot.isFrozen }.map { NamedParameter(name: $0.name, tensor: $0.slot.tensor!) }
    }

    /// Every parameter, frozen or not, with its dotted name.
    public var allParameters: [NamedParameter] {
        uniqueParameterSlots().map { NamedParameter(name: $0.name, tensor: $0.slot.tensor!) }
    }

    /// The buffers (running statistics and the like) with their dotted names, as `named_buffers()`.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        namedSlots().filter(\.slot.isBuffer).map { ($0.name, $0.slot.tensor!) }
    }

    /// The number of parameter values, frozen ones included.
    public var parameterCount: Int {
        allParameters.reduce(0) { $0 + $1.tensor.count }
    }

    /// The number of trainable (not frozen) parameter values.
    public var trainableParameterCount: Int {
        namedParameters().reduce(0) { $0 + $1.tensor.count }
    }

    /// The direct children with their names, as `named_children()`.
    public func namedChildren() -> [(name: String, module: Module)] {
        mergedMembers().children
    }

    /// This module (named "") and every descendant with its dotted name, parents before children,
    /// each module once, as `named_modules()`.
    public func namedModules() -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(name: String, module: Module)] = []
        func visit(_ module: Module, _ name: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            result.append((name, module))
            for (childName, child) in module.namedChildren() {
                visit(child, name.isEmpty ? childName : name + "." + childName)
            }
        }
        visit(self, "")
        return result
    }

    /// Calls `body` on every descendant and then on this module, as PyTorch's `apply`
    /// (used for custom weight initialization).
    public func apply(_ body: (Module) -> Void) {
        let own = members()
        for module in own.inlined + own.children.map(\.module) { module.apply(body) }
        body(self)
    }

    /// This module, the modules it wraps and every descendant, parents first.
    private func everyModule() -> [Module] {
        let own = members()
        return [self] + (own.inlined + own.children.map(\.module)).flatMap { $0.everyModule() }
    }

    /// Puts this module and all its descendants in training mode (`true`) or evaluation mode.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for module in everyModule() { module.training = mode }
        return self
    }

    /// Puts this module and all its descendants in evaluation mode.
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Excludes every parameter of this module and its descendants from `namedParameters()`,
    /// so that `valueAndGrad` and optimizers leave them alone.
    public func freeze() { setFrozen(true) }

    /// Makes every parameter of this module and its descendants trainable again.
    public func unfreeze() { setFrozen(false) }

    private func setFrozen(_ frozen: Bool) {
        for (_, slot) in namedSlots() where !slot.isBuffer { slot.isFrozen = frozen }
    }

    /// The parameters and buffers by dotted name in PyTorch's order, sharing values with the module.
    public func stateDict() -> [(String, Tensor)] {
        namedSlots().map { ($0.name, $0.slot.tensor!.detached()) }
    }

    /// Copies values from a state dict into the parameters and buffers (in place, so optimizers
    /// keep their references).
    ///
    /// Nothing is changed when an error is thrown. Shapes must match exactly; with `strict`, the keys
    /// must match too. Returns the keys that were missing and unexpected.
    @discardableResult
    public func loadStateDict(_ state: [String: Tensor], strict: Bool = true) throws -> StateDictKeys {
        let slots = namedSlots()
        let expected = Set(slots.map(\.name))
        let missing = slots.map(\.name).filter { state[$0] == nil }
        let unexpected = state.keys.filter { !expected.contains($0) }.sorted()
        let mismatches = slots.compactMap { name, slot -> StateDictError.ShapeMismatch? in
            guard let value = state[name], value.shape != slot.tensor!.shape else { return nil }
            return StateDictError.ShapeMismatch(key: name, expected: slot.tensor!.shape, got: value.shape)
        }
        if !mismatches.isEmpty || (strict && (!missing.isEmpty || !unexpected.isEmpty)) {
            throw StateDictError(
                missingKeys: strict ? missing : [], unexpectedKeys: strict ? unexpected : [], shapeMismatches: mismatches)
        }
        for (name, slot) in slots {
            if let value = state[name] { slot.tensor!.assign(value) }
        }
        return StateDictKeys(missingKeys: missing, unexpectedKeys: unexpected)
    }

    /// Copies values from a state dict given as (key, tensor) pairs, such as `stateDict()` returns.
    @discardableResult
    public func loadStateDict(_ state: [(String, Tensor)], strict: Bool = true) throws -> StateDictKeys {
        try loadStateDict(Dictionary(state, uniquingKeysWith: { _, last in last }), strict: strict)
    }
}

/// A module that maps one tensor to another.
public protocol Layer: Module {
    /// The layer applied to `x`.
    func callAsFunction(_ x: Tensor) -> Tensor
}

/// The keys a non-strict `loadStateDict` skipped.
public struct StateDictKeys: Sendable, Equatable {
    /// Keys of the module that the state dict did not have.
    public let missingKeys: [String]
    /// Keys of the state dict that the module does not have.
    public let unexpectedKeys: [String]
}

/// Why a state dict could not be loaded.
public struct StateDictError: Error, CustomStringConvertible, Equatable {
    /// A tensor whose shape differs between the module and the state dict.
    public struct ShapeMismatch: Sendable, Equatable {
        public let key: String
        public let expected: [Int]
        public let got: [Int]
    }

    public let missingKeys: [String]
    public let unexpectedKeys: [String]
    public let shapeMismatches: [ShapeMismatch]

    public var description: String {
        var parts: [String] = []
        if !missingKeys.isEmpty { parts.append("missing keys: \(missingKeys.joined(separator: ", "))") }
        if !unexpectedKeys.isEmpty { parts.append("unexpected keys: \(unexpectedKeys.joined(separator: ", "))") }
        for mismatch in shapeMismatches {
            parts.append("shape mismatch for \(mismatch.key): the module has \(mismatch.expected), the state dict \(mismatch.got)")
        }
        return "loadStateDict: " + parts.joined(separator: "; ")
    }
}

/// `runningMean` → `running_mean`, as PyTorch names attributes. A name that already holds an
/// underscore is kept as written, so that modules can carry PyTorch names with capitals
/// (torchvision's `Conv2d_1a_3x3`, `Mixed_5b`).
func snakeCase(_ name: String) -> String {
    if name.contains("_") { return name }
    var result = ""
    for character in name {
        if character.isUppercase {
            if !result.isEmpty { result.append("_") }
            result += character.lowercased()
        } else {
            result.append(character)
        }
    }
    return result
}
