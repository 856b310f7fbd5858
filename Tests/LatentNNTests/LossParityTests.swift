import LatentNN
import LatentTensor
import Testing

// Losses against PyTorch (losses.json): outputs and gradients of `sum(loss * w)` for the inputs.
// Targets, labels and pos_weight are constants.

private func reduction(_ f: OpFixture) -> Reduction {
    f.arg("reduction").string == "sum" ? .sum : .mean
}

/// Class indices stored as whole Float values.
private func labels(_ tensor: Tensor) -> [Int] {
    tensor.values.map { Int($0) }
}

/// Cross-entropy with class-index targets for logits [N, C, d…] and labels [N, d…], as PyTorch
/// computes it for spatial inputs: each position is a sample whose classes are along axis 1.
private func spatialCrossEntropy(_ logits: Tensor, labels target: Tensor, labelSmoothing: Float) -> Tensor {
    guard logits.rank > 2 else { return crossEntropy(logits, labels: labels(target), labelSmoothing: labelSmoothing) }
    let classesLast = logits.permuted([0] + Array(2..<logits.rank) + [1]).reshaped([-1, logits.shape[1]])
    return crossEntropy(classesLast, labels: labels(target), labelSmoothing: labelSmoothing)
}

private let parityLosses: [String: @Sendable (OpFixture, [Tensor]) -> Tensor] = [
    "binary_cross_entropy": { f, x in binaryCrossEntropy(x[0], f.constant("target"), reduction: reduction(f)) },
    "binary_cross_entropy_with_logits": { f, x in
        let posWeight = f.constants.first { $0.name == "pos_weight" }?.tensor
        return binaryCrossEntropyWithLogits(x[0], f.constant("target"), posWeight: posWeight, reduction: reduction(f))
    },
    "mse_loss": { f, x in mseLoss(x[0], f.constant("target"), reduction: reduction(f)) },
    "l1_loss": { f, x in l1Loss(x[0], f.constant("target"), reduction: reduction(f)) },
    "cross_entropy": { f, x in
        let target = f.constant("target")
        let smoothing = f.arg("label_smoothing").float
        return target.shape == x[0].shape
            ? crossEntropy(x[0], probabilities: target, labelSmoothing: smoothing)
            : spatialCrossEntropy(x[0], labels: target, labelSmoothing: smoothing)
    },
    "vae_kl": { _, x in gaussianKLDivergence(mean: x[0], logVariance: x[1]) },
]

@Test func everyLossFixtureHasALoss() {
    #expect(Set(Fixtures.losses.map(\.op)) == Set(parityLosses.keys))
}

@Test(arguments: Fixtures.losses.map(\.name))
func lossMatchesPyTorch(_ name: String) throws {
    let fixture = try #require(Fixtures.losses.first { $0.name == name })
    #expect(fixture.gradients.count == fixture.inputs.count)
    checkParity(fixture, try #require(parityLosses[fixture.op]))
}
