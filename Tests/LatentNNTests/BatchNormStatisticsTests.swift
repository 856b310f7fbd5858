import LatentNN
import LatentTensor
import Testing

// Module.updateBatchNormStatistics against hand-computed averages and PyTorch's update_bn
// (batch_norm_statistics.json).

/// batch_norm_statistics.json: a module's state, the batches run through it and its batch-norm buffers after.
private struct BatchNormStatisticsFixture: Decodable {
    let stateDict: [FixtureTensor]
    let batches: [FixtureTensor]
    let buffersAfter: [FixtureTensor]

    enum CodingKeys: String, CodingKey {
        case batches
        case stateDict = "state_dict"
        case buffersAfter = "buffers_after"
    }
}

@Test func batchNormStatisticsAreThePlainAverageOfTheBatches() {
    let norm = BatchNorm1d(1, momentum: 0.1)
    norm.eval()
    norm.runningMean = Tensor([5], shape: [1])
    let updated = norm.updateBatchNormStatistics {
        _ = norm(Tensor([1, 3], shape: [2, 1]))        // mean 2, unbiased variance 2
        _ = norm(Tensor([2, 4, 6], shape: [3, 1]))     // mean 4, unbiased variance 4
    }
    #expect(updated)
    #expect(norm.runningMean?.values == [3])
    #expect(norm.runningVar?.values == [3])
    #expect(norm.numBatchesTracked?.item == 2)
    #expect(norm.momentum == 0.1)
    #expect(!norm.training)
}

@Test func batchNormStatisticsLeaveOtherLayersInTheirMode() {
    let model = Sequential(Linear(2, 3), BatchNorm1d(3), Dropout(p: 0.5))
    model.eval()
    var outputs: [[Float]] = []
    model.updateBatchNormStatistics {
        outputs.append(model(Tensor.ones([4, 2])).values)
        outputs.append(model(Tensor.ones([4, 2])).values)
    }
    #expect(outputs[0] == outputs[1], "dropout stayed off")
    #expect(model.namedModules().allSatisfy { !$0.module.training })
}

@Test func batchNormStatisticsSkipModulesWithoutBatchNorm() {
    let model = Sequential(Linear(2, 3), ReLU())
    var ran = false
    #expect(!model.updateBatchNormStatistics { ran = true })
    #expect(!ran)
}

@Test func batchNormStatisticsMatchPyTorchUpdateBN() throws {
    let fixture = try Fixtures.load(BatchNormStatisticsFixture.self, "batch_norm_statistics.json")
    let model = Sequential(Linear(3, 4), BatchNorm1d(4), ReLU(), Linear(4, 2), BatchNorm1d(2, momentum: 0.3))
    try model.loadStateDict(fixture.stateDict.map { ($0.name, $0.tensor) }, strict: true)
    model.eval()
    model.updateBatchNormStatistics {
        for batch in fixture.batches { _ = model(batch.tensor) }
    }
    let buffers = Dictionary(uniqueKeysWithValues: model.namedBuffers().map { ($0.name, $0.tensor) })
    #expect(Set(buffers.keys) == Set(fixture.buffersAfter.map(\.name)))
    for expected in fixture.buffersAfter {
        expectMatches(try #require(buffers[expected.name]), expected, "update_bn", rtol: 1e-5)
    }
    #expect((model.namedModules().compactMap { $0.module as? BatchNorm }.map(\.momentum)) == [0.1, 0.3])
}
