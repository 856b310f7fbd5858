import Testing
import LatentTensor
@testable import LatentNN

/// A model with every kind of member: a Sequential, an optional child, an array of children,
/// a camelCase buffer and a parameter with an explicit key.
private final class Net: Module, Layer {
    let main: Sequential
    let head: Linear?
    let blocks: [Linear]
    let missing: Linear? = nil
    @Buffer var stepCount = Tensor(scalar: 0)
    @Parameter(key: "scale_param") var scale = Tensor([1])

    override init() {
        main = Sequential(Linear(3, 4), BatchNorm1d(4), LeakyReLU(negativeSlope: 0.2))
        head = Linear(4, 2)
        blocks = [Linear(2, 2), Linear(2, 1, bias: false)]
        super.init()
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        blocks.reduce(head!(main(x))) { $1($0) } * scale
    }
}

@Test func sequentialNamesChildrenByIndex() {
    let model = Sequential(Linear(3, 4), ReLU(), Linear(4, 2))
    #expect(model.stateDict().map(\.0) == ["0.weight", "0.bias", "2.weight", "2.bias"])
}

@Test func nestedNamesFollowPyTorch() {
    let net = Net()
    #expect(net.stateDict().map(\.0) == [
        "scale_param", "step_count",
        "main.0.weight", "main.0.bias",
        "main.1.weight", "main.1.bias", "main.1.running_mean", "main.1.running_var", "main.1.num_batches_tracked",
        "head.weight", "head.bias",
        "blocks.0.weight", "blocks.0.bias", "blocks.1.weight",
    ])
    #expect(net.namedParameters().map(\.name) == [
        "scale_param", "main.0.weight", "main.0.bias", "main.1.weight", "main.1.bias",
        "head.weight", "head.bias", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight",
    ])
    #expect(net.namedBuffers().map(\.name) == [
        "step_count", "main.1.running_mean", "main.1.running_var", "main.1.num_batches_tracked",
    ])
    #expect(net.namedModules().map(\.name) == ["", "main", "main.0", "main.1", "main.2", "head", "blocks.0", "blocks.1"])
    #expect(snakeCase("numBatchesTracked") == "num_batches_tracked")
    #expect(snakeCase("Conv2d_1a_3x3") == "Conv2d_1a_3x3")
    #expect(snakeCase("branch7x7_2") == "branch7x7_2")
}

@Test func parameterCounts() {
    #expect(Linear(784, 128).parameterCount == 100_480)
    #expect(Linear(784, 128, bias: false).parameterCount == 100_352)
    #expect(BatchNorm2d(64).parameterCount == 128)
    let net = Net()
    #expect(net.parameterCount == 1 + 16 + 8 + 10 + 6 + 2)
}

@Test func moduleStateDictRoundTrip() throws {
    let source = Net(), target = Net()
    _ = source(Tensor.randn([5, 3]))  // moves the running statistics away from their start
    let targetWeight = target.main[0].allParameters[0].tensor
    try target.loadStateDict(source.stateDict())
    for ((name, value), (otherName, otherValue)) in zip(source.stateDict(), target.stateDict()) {
        #expect(name == otherName)
        #expect(value.values == otherValue.values)
    }
    // Loading copies values into the existing tensors.
    #expect(target.main[0].allParameters[0].tensor === targetWeight)
    #expect(targetWeight.values == source.stateDict()[2].1.values)
    source.head!.weight.assign(Tensor.zeros([2, 4]))
    #expect(target.head!.weight.values != source.head!.weight.values)
}

@Test func loadStateDictReportsEveryProblemAndChangesNothing() {
    let model = Sequential(Linear(3, 4), Linear(4, 2))
    var state = Dictionary(uniqueKeysWithValues: model.stateDict().map { ($0.0, Tensor.zeros($0.1.shape)) })
    state["1.bias"] = nil
    state["1.weight"] = Tensor.zeros([4, 2])
    state["2.weight"] = Tensor.zeros([1])
    let before = model.stateDict().map(\.1.values)
    do {
        try model.loadStateDict(state)
        Issue.record("loading should have failed")
    } catch let error as StateDictError {
        #expect(error.missingKeys == ["1.bias"])
        #expect(error.unexpectedKeys == ["2.weight"])
        #expect(error.shapeMismatches == [.init(key: "1.weight", expected: [2, 4], got: [4, 2])])
        #expect(error.description.contains("missing keys: 1.bias"))
        #expect(error.description.contains("unexpected keys: 2.weight"))
        #expect(error.description.contains("1.weight"))
    } catch {
        Issue.record("unexpected error \(error)")
    }
    #expect(model.stateDict().map(\.1.values) == before)

    state["1.weight"] = Tensor.zeros([2, 4])
    let keys = try? model.loadStateDict(state, strict: false)
    #expect(keys == StateDictKeys(missingKeys: ["1.bias"], unexpectedKeys: ["2.weight"]))
    #expect(model.stateDict()[0].1.values.allSatisfy { $0 == 0 })
    #expect(model.stateDict()[3].1.values == before[3])
}

@Test func trainAndEvalRecurse() {
    let net = Net()
    let normalized = SpectralNorm(wrapping: Linear(2, 2))
    let outer = Sequential(net, normalized)
    #expect(outer.namedModules().allSatisfy { $0.module.training })
    outer.eval()
    #expect(outer.namedModules().allSatisfy { !$0.module.training })
    #expect(!normalized.module.training)
    net.train()
    #expect(net.main[1].training && net.blocks[1].training)
    #expect(!outer.training && !normalized.training)
}

@Test func applyVisitsChildrenBeforeParents() {
    let model = Sequential(Linear(2, 2), Sequential(Linear(2, 2)))
    var visited: [String] = []
    model.apply { visited.append(String(describing: type(of: $0))) }
    #expect(visited == ["Linear", "Linear", "Sequential", "Sequential"])
    model.apply { module in
        if let linear = module as? Linear { Init.zeros(linear.weight) }
    }
    #expect(model.allParameters.filter { $0.name.hasSuffix("weight") }.allSatisfy { $0.tensor.values.allSatisfy { $0 == 0 } })
}

@Test func summaryListsLayersAndTotals() {
    let model = Sequential(Linear(784, 128), BatchNorm1d(128), ReLU(), Linear(128, 10))
    model[3].freeze()
    let text = model.summary()
    #expect(text.contains("0 (Linear)"))
    #expect(text.contains("100,480"))
    #expect(text.contains("1 (BatchNorm1d)"))
    #expect(text.contains("Total params: 102,026"))
    #expect(text.contains("Trainable params: 100,736"))
    #expect(text.contains("Non-trainable params: 1,290"))
    #expect(text.contains("Buffers: 257 values"))
}
