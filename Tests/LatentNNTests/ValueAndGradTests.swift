import Testing
import LatentTensor
import LatentTestSupport
@testable import LatentNN

@Test func valueAndGradMatchesHandGradientsAndResetsRequiresGrad() {
    let model = Linear(3, 2)
    let x = Tensor([1, 2, 3, -1, 0, 2], shape: [2, 3])
    let (value, grads) = valueAndGrad(of: model) { m in m(x).sum() }
    let expected = withoutGrad { model(x).sum() }
    #expect(value.item == expected.item)
    #expect(!value.requiresGrad)
    // d(Σ xWᵀ + b)/dW is the column sums of x for every output row; d/db is the batch size.
    #expect(grads["weight"]!.values == [0, 2, 5, 0, 2, 5])
    #expect(grads["bias"]!.values == [2, 2])
    #expect(model.allParameters.allSatisfy { !$0.tensor.requiresGrad })
}

@Test func frozenParametersGetNoGradients() {
    let model = Sequential(Linear(3, 4), Tanh(), Linear(4, 1))
    model[0].freeze()
    let x = Tensor.randn([5, 3])
    let (_, grads) = valueAndGrad(of: model) { m in m(x).square().mean() }
    #expect(Set(grads.keys) == ["2.weight", "2.bias"])
    #expect(model.namedParameters().map(\.name) == ["2.weight", "2.bias"])
    #expect(model.allParameters.count == 4)
    #expect(model.trainableParameterCount == 5)
    model.unfreeze()
    #expect(model.namedParameters().count == 4)
    #expect(model.allParameters.allSatisfy { !$0.tensor.requiresGrad })
}

@Test func auxiliaryValueComesBack() {
    let model = Linear(2, 1)
    let x = Tensor([1, 2], shape: [1, 2])
    let (value, output, grads) = valueAndGrad(of: model) { m in
        let y = m(x)
        return (y.square().sum(), y.detached())
    }
    #expect(abs(value.item - output.item * output.item) < 1e-6)
    #expect(grads.count == 2)
}

@Test func gradientPenaltyInsideBody() {
    // For D(x) = w·x + b, ∇ₓD = w, so the penalty ‖∇ₓD‖² has gradient 2w with respect to w.
    let critic = Linear(3, 1)
    let points = Tensor.randn([4, 3])
    let (value, grads) = valueAndGrad(of: critic) { d in
        let input = points.requiringGrad()
        let inputGrad = gradients(of: d(input).sum(), withRespectTo: [input], createGraph: true)[0]
        return inputGrad.square().sum(axis: 1).mean()
    }
    let w = critic.weight.values
    #expect(abs(value.item - w.reduce(0) { $0 + $1 * $1 }) < 1e-5)
    #expect(allClose(grads["weight"]!.values, w.map { 2 * $0 }))
    #expect(grads["bias"]!.values == [0])
    #expect(!critic.weight.requiresGrad)
}

@Test func ganDiscriminatorStepReadsLikePyTorch() {
    let discriminator = Sequential(Linear(2, 4), LeakyReLU(negativeSlope: 0.2), Linear(4, 1))
    let real = Tensor.randn([8, 2]), fake = Tensor.randn([8, 2])
    func loss(_ realScores: Tensor, _ fakeScores: Tensor) -> Tensor {
        (-realScores).softplus().mean() + fakeScores.softplus().mean()
    }
    let (dLoss, dGrads) = valueAndGrad(of: discriminator) { d in loss(d(real), d(fake)) }
    #expect(dLoss.shape == [])
    #expect(Set(dGrads.keys) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    #expect(dGrads["0.weight"]!.shape == [4, 2])
}

@Test func trainingStepsWithAnOptimizerReduceTheLoss() {
    let model = Sequential(Linear(2, 16), BatchNorm1d(16), Tanh(), Linear(16, 1))
    let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1], shape: [4, 2])
    let target = Tensor([0, 1, 1, 0], shape: [4, 1])
    let optimizer = Adam(learningRate: 0.05)
    var losses: [Float] = []
    for _ in 0..<100 {
        let (loss, grads) = valueAndGrad(of: model) { m in mseLoss(m(x), target) }
        optimizer.update(model.namedParameters(), gradients: grads)
        losses.append(loss.item)
    }
    #expect(losses.last! < 0.01 * losses.first!)
}
