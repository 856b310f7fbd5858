import Foundation
import LatentNN
import LatentTestSupport
import Testing

// Modules written as a user outside LatentNN writes them (no @testable import): layers held in an array,
// found by reflection, and in a dictionary, listed by an override of `members()`.

/// A stack of layers kept in an array property.
private final class Stack: Module, Layer {
    let blocks: [Linear]

    init(widths: [Int]) {
        blocks = zip(widths, widths.dropFirst()).map { Linear($0, $1) }
        super.init()
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        blocks.reduce(x) { $1($0).tanh() }
    }
}

/// One linear head per task, kept in a dictionary that reflection does not look into, plus a scale parameter.
private final class Heads: Module {
    let heads: [String: Linear]
    @Parameter var scale = Tensor([1])

    init(tasks: [String]) {
        heads = Dictionary(uniqueKeysWithValues: tasks.map { ($0, Linear(3, 2)) })
        super.init()
    }

    override func members() -> Members {
        var members = super.members()
        members.children += heads.sorted { $0.key < $1.key }.map { (name: $0.key, module: $0.value as Module) }
        return members
    }
}

/// Saves `module` to a file and loads it into `copy`; returns the copy's state dict by name.
private func roundTrip(_ module: Module, into copy: Module) throws -> [String: [Float]] {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("state.safetensors")
    try module.save(to: file)
    try copy.load(from: file)
    return Dictionary(uniqueKeysWithValues: copy.stateDict().map { ($0.0, $0.1.values) })
}

@Suite struct ModuleMembersTests {
    @Test func layersInAnArraySaveAndLoadByName() throws {
        let stack = Stack(widths: [4, 3, 2])
        #expect(stack.stateDict().map(\.0) == ["blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias"])
        let copy = Stack(widths: [4, 3, 2])
        #expect(copy.blocks[0].weight.values != stack.blocks[0].weight.values)
        let loaded = try roundTrip(stack, into: copy)
        for (name, tensor) in stack.stateDict() { #expect(loaded[name] == tensor.values, "\(name)") }
        let x = Tensor([0.1, -0.2, 0.3, 0.4], shape: [1, 4])
        #expect(copy(x).values == stack(x).values)
    }

    @Test func anOverriddenMembersNamesTheDictionarysLayers() throws {
        let heads = Heads(tasks: ["rotation", "class"])
        #expect(heads.stateDict().map(\.0) == ["scale", "class.weight", "class.bias", "rotation.weight", "rotation.bias"])
        #expect(heads.namedParameters().count == 5)
        let copy = Heads(tasks: ["class", "rotation"])
        let loaded = try roundTrip(heads, into: copy)
        #expect(loaded["rotation.weight"] == heads.heads["rotation"]!.weight.values)
        #expect(copy.heads["class"]!.bias!.values == heads.heads["class"]!.bias!.values)
    }

    @Test func anOverriddenMembersTakesPartInModesAndFreezing() {
        let heads = Heads(tasks: ["class"])
        heads.eval()
        #expect(!heads.heads["class"]!.training)
        heads.freeze()
        #expect(heads.namedParameters().isEmpty && heads.allParameters.count == 3)
    }
}
