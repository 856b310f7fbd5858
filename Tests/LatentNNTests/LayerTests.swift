import Testing
import LatentTensor
import LatentTestSupport
@testable import LatentNN

@Test func linearGradients() {
    let layer = Linear(3, 2)
    let x = Tensor([0.5, -1, 2, 1, 0.3, -0.7], shape: [2, 3])
    let error = gradientError([x, layer.weight, layer.bias!]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0]).tanh()
    }
    #expect(error < 1e-2)
    #expect(Linear(3, 2)(Tensor([1, 2, 3])).shape == [2])
}

@Test func batchNormGradientsInTrainingMode() {
    let layer = BatchNorm2d(2)
    let x = Tensor((0..<16).map { Float(($0 * 7) % 11) * 0.3 - 1 }, shape: [2, 2, 2, 2])
    let weight = Tensor([1.5, 0.5]), bias = Tensor([0.1, -0.2])
    let error = gradientError([x, weight, bias]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0]).tanh()
    }
    #expect(error < 1e-2)
    let secondOrder = secondOrderGradientError([x]) { v in layer(v[0]).tanh() }
    #expect(secondOrder < 2e-2)
}

@Test func batchNormRunningStatisticsAfterOneStep() {
    let layer = BatchNorm1d(2)
    // Channel 0 holds 1, 2, 3, 6 (mean 3, unbiased variance 14/3); channel 1 holds 0, 0, 4, 4 (mean 2, variance 16/3).
    let x = Tensor([1, 0, 2, 0, 3, 4, 6, 4], shape: [4, 2])
    let y = layer(x)
    let mean0: Float = 0.1 * 3, mean1: Float = 0.1 * 2
    let var0: Float = 0.9 + 0.1 * 14 / 3, var1: Float = 0.9 + 0.1 * 16 / 3
    #expect(allClose(layer.runningMean!.values, [mean0, mean1]))
    #expect(allClose(layer.runningVar!.values, [var0, var1]))
    #expect(layer.numBatchesTracked!.item == 1)
    // Training output uses the batch's biased variance.
    let biased0: Float = 14.0 / 4
    #expect(abs(y.values[0] - (1 - 3) / (biased0 + 1e-5).squareRoot()) < 1e-5)

    layer.eval()
    let z = layer(x)
    #expect(abs(z.values[0] - (1 - mean0) / (var0 + 1e-5).squareRoot()) < 1e-5)
    #expect(layer.numBatchesTracked!.item == 1)

    let cumulative = BatchNorm1d(2, momentum: nil)
    _ = cumulative(x)
    _ = cumulative(x * 0)
    #expect(allClose(cumulative.runningMean!.values, [1.5, 1]))
    #expect(cumulative.numBatchesTracked!.item == 2)

    let untracked = BatchNorm1d(2, affine: false, trackRunningStats: false)
    #expect(untracked.stateDict().isEmpty)
    untracked.eval()
    #expect(allClose(untracked(x).values, y.values))
}

@Test func layerNormGradientsAndValues() {
    let layer = LayerNorm([3])
    let x = Tensor([1, 2, 6, -1, 0, 4], shape: [2, 3])
    let y = layer(x)
    #expect(abs(y.values[0..<3].reduce(0, +)) < 1e-5)
    let weight = Tensor([1.2, 0.8, -0.5]), bias = Tensor([0, 0.1, 0.2])
    let error = gradientError([x, weight, bias]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0]).tanh()
    }
    #expect(error < 1e-2)
    #expect(LayerNorm([4, 4], elementwiseAffine: false).stateDict().isEmpty)
}

@Test func groupNormGradients() {
    let layer = GroupNorm(2, 4)
    let x = Tensor((0..<24).map { Float(($0 * 5) % 13) * 0.2 - 1 }, shape: [2, 4, 3])
    let weight = Tensor([1.2, 0.8, -0.5, 1]), bias = Tensor([0, 0.1, 0.2, -0.1])
    let error = gradientError([x, weight, bias]) { v in
        layer.weight = v[1]
        layer.bias = v[2]
        return layer(v[0]).tanh()
    }
    #expect(error < 1e-2)
    // With one group per channel it is instance normalization.
    let images = Tensor.randn([2, 3, 4, 4])
    #expect(allClose(GroupNorm(3, 3)(images).values, InstanceNorm2d(3)(images).values, rtol: 1e-4, atol: 1e-4))
}

@Test func instanceNormTracksRunningStatisticsWhenAsked() {
    let layer = InstanceNorm2d(1, trackRunningStats: true)
    #expect(layer.stateDict().map(\.0) == ["running_mean", "running_var"])
    // Instances 0, 1, 2, 3 (mean 1.5, unbiased variance 5/3) and 4, 4, 4, 4.
    _ = layer(Tensor([0, 1, 2, 3, 4, 4, 4, 4], shape: [2, 1, 2, 2]))
    let expectedMean: Float = 0.1 * 2.75
    let expectedVar: Float = 0.9 + 0.1 * (5.0 / 3) / 2
    #expect(allClose(layer.runningMean!.values, [expectedMean]))
    #expect(allClose(layer.runningVar!.values, [expectedVar]))
}

@Test func dropoutScalesInTrainingAndPassesInEvaluation() {
    let layer = Dropout(p: 0.25)
    let x = Tensor.ones([10_000])
    let values = layer(x).values
    let kept = values.filter { $0 != 0 }
    #expect(kept.allSatisfy { abs($0 - 4.0 / 3) < 1e-6 })
    #expect(abs(Float(kept.count) / 10_000 - 0.75) < 0.03)
    layer.eval()
    #expect(layer(x) === x)
}

@Test func embeddingLooksUpRowsAndSkipsPadding() {
    let layer = Embedding(4, 3, paddingIdx: 0)
    #expect(layer.weight.values[0..<3].allSatisfy { $0 == 0 })
    let indices = Tensor([1, 0, 3, 1], shape: [2, 2])
    let output = layer(indices)
    #expect(output.shape == [2, 2, 3])
    #expect(Array(output.values[0..<3]) == Array(layer.weight.values[3..<6]))
    #expect(Array(output.values[9..<12]) == Array(layer.weight.values[3..<6]))
    let (_, grads) = valueAndGrad(of: layer) { e in e(indices).sum() }
    #expect(grads["weight"]!.values == [0, 0, 0, 2, 2, 2, 0, 0, 0, 1, 1, 1])
}

@Test func reshapingLayers() {
    let x = Tensor.zeros([2, 3, 4, 5])
    #expect(Flatten()(x).shape == [2, 60])
    #expect(Flatten(startDim: 0, endDim: 1)(x).shape == [6, 4, 5])
    #expect(Unflatten(dim: 1, unflattenedSize: [4, 15])(Flatten()(x)).shape == [2, 4, 15])
    #expect(Reshape([3, -1])(x).shape == [2, 3, 20])
}

@Test func activationLayersMatchTensorOps() {
    let x = Tensor([-2, -0.5, 0, 0.5, 3])
    #expect(ReLU()(x).values == x.relu().values)
    #expect(LeakyReLU(negativeSlope: 0.2)(x).values == x.leakyRelu(negativeSlope: 0.2).values)
    #expect(Tanh()(x).values == x.tanh().values)
    #expect(Sigmoid()(x).values == x.sigmoid().values)
    #expect(ELU()(x).values == x.elu().values)
    #expect(Softplus(beta: 2)(x).values == x.softplus(beta: 2).values)
    #expect(Identity()(x) === x)
}
