import Testing
import LatentNN
import LatentTensor
import LatentTestSupport

// Each case starts from θ = [1, −2] and applies the listed gradients one step each; expected values
// are worked out by hand in the comments (and agree with torch.optim 2.13).

private func trajectory(_ optimizer: Optimizer, gradients: [[Float]]) -> [[Float]] {
    let parameter = NamedParameter(name: "w", tensor: Tensor([1, -2]))
    return gradients.map { gradient in
        optimizer.update([parameter], gradients: ["w": Tensor(gradient)])
        return parameter.tensor.values
    }
}

private let fixedGradient: [[Float]] = [[0.5, -1], [0.5, -1]]

private func expectTrajectory(_ actual: [[Float]], _ expected: [[Float]], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(allClose(a, e, rtol: 1e-5, atol: 1e-6), "got \(a), expected \(e)", sourceLocation: sourceLocation)
    }
}

@Test func sgdPlainAndWithWeightDecay() {
    // θ ← θ − 0.1·g: [0.95, −1.9], then [0.9, −1.8].
    expectTrajectory(trajectory(SGD(learningRate: 0.1), gradients: fixedGradient), [[0.95, -1.9], [0.9, -1.8]])
    // g + 0.1·θ = [0.6, −1.2] → [0.94, −1.88]; then [0.594, −1.188] → [0.8806, −1.7612].
    expectTrajectory(trajectory(SGD(learningRate: 0.1, weightDecay: 0.1), gradients: fixedGradient),
                     [[0.94, -1.88], [0.8806, -1.7612]])
}

@Test func sgdMomentumDampeningAndNesterov() {
    // b₁ = g, b₂ = 0.9g + g = 1.9g: [0.95, −1.9], then [0.855, −1.71].
    expectTrajectory(trajectory(SGD(learningRate: 0.1, momentum: 0.9), gradients: fixedGradient),
                     [[0.95, -1.9], [0.855, -1.71]])
    // Dampening 0.5: b₁ = g (no dampening on the first step), b₂ = 0.9g + 0.5g = 1.4g → [0.88, −1.76].
    expectTrajectory(trajectory(SGD(learningRate: 0.1, momentum: 0.9, dampening: 0.5), gradients: fixedGradient),
                     [[0.95, -1.9], [0.88, -1.76]])
    // Nesterov: steps along g + 0.9·b: 1.9g, then g + 0.9·1.9g = 2.71g.
    expectTrajectory(trajectory(SGD(learningRate: 0.1, momentum: 0.9, nesterov: true), gradients: fixedGradient),
                     [[0.905, -1.81], [0.7695, -1.539]])
}

@Test func adamBiasCorrection() {
    // With a fixed gradient the bias-corrected moments are m̂ = g and v̂ = g², so each step moves
    // θ by lr·sign(g) (without the correction the first step would be √10 times larger).
    expectTrajectory(trajectory(Adam(learningRate: 0.1), gradients: fixedGradient), [[0.9, -1.9], [0.8, -1.8]])
    // Second gradient [−1, 0.5], first element: m₂ = 0.045 − 0.1 = −0.055, v₂ = 0.00024975 + 0.001;
    // m̂ = −0.055/0.19, v̂ = 0.00124975/0.001999, θ₂ = 0.9 + 0.1·0.2894737/0.7906882 = 0.9366104.
    expectTrajectory(trajectory(Adam(learningRate: 0.1), gradients: [[0.5, -1], [-1, 0.5]]),
                     [[0.9, -1.9], [0.9366104, -1.8733662]])
}

@Test func adamL2WeightDecayAndAMSGrad() {
    // L2: g' = g + 0.1θ = [0.6, −1.2] → sign step; then g' = [0.59, −1.19]: m₂ = 0.113, v₂ = 0.00070774,
    // θ₂ = 0.9 − 0.1·(0.113/0.19)/√(0.00070774/0.001999) = 0.8000474.
    expectTrajectory(trajectory(Adam(learningRate: 0.1, weightDecay: 0.1), gradients: fixedGradient),
                     [[0.9, -1.9], [0.8000473, -1.8000226]])
    // AMSGrad with a zero second gradient: v₂ = 0.999·v₁ < v₁, so v₁ = 0.00025 is used:
    // θ₂ = 0.9 − 0.1·(0.045/0.19)/√(0.00025/0.001999) = 0.8330277.
    expectTrajectory(trajectory(Adam(learningRate: 0.1, amsgrad: true), gradients: [[0.5, -1], [0, 0]]),
                     [[0.9, -1.9], [0.8330277, -1.8330276]])
}

@Test func adamWDecoupledDecay() {
    // θ·(1 − 0.1·0.01) then the sign step: [0.999, −1.998] − 0.1 = [0.899, −1.898];
    // then [0.898101, −1.896102] − 0.1 = [0.798101, −1.796102].
    expectTrajectory(trajectory(AdamW(learningRate: 0.1), gradients: fixedGradient),
                     [[0.899, -1.898], [0.798101, -1.796102]])
}

@Test func rmspropVariants() {
    // v₁ = 0.01g² → step lr·g/(0.1|g|) = 0.1; v₂ = 0.0199g² → step 0.01/√0.0199 = 0.0708881.
    expectTrajectory(trajectory(RMSprop(), gradients: fixedGradient), [[0.9, -1.9], [0.8291119, -1.8291119]])
    // Centered: ṽ₁ = 0.01g² − (0.01g)² = 0.0099g² → 0.1005038; ṽ₂ = 0.0199g² − (0.0199g)² → 0.0716041.
    expectTrajectory(trajectory(RMSprop(centered: true), gradients: fixedGradient),
                     [[0.8994962, -1.8994962], [0.8278921, -1.8278921]])
    // Momentum 0.9: b₁ = 10·sign(g), b₂ = 9 + 7.08881 = 16.08881.
    expectTrajectory(trajectory(RMSprop(momentum: 0.9), gradients: fixedGradient),
                     [[0.9, -1.9], [0.7391119, -1.7391119]])
}

@Test func parametersWithoutGradientsAreSkipped() {
    let a = NamedParameter(name: "a", tensor: Tensor([1, 2]))
    let b = NamedParameter(name: "b", tensor: Tensor([3]))
    let adam = Adam(learningRate: 0.1)
    adam.update([a, b], gradients: ["a": Tensor([1, 1])])
    #expect(b.tensor.values == [3])
    #expect(adam.step == 1)
    #expect(adam.stateDict()["b.exp_avg"] == nil)
    // b's first gradient gets a first (bias-corrected) step of its own: a sign step.
    adam.update([a, b], gradients: ["b": Tensor([-2])])
    #expect(allClose(b.tensor.values, [3.1]))
}

@Test func stateDictRoundTrip() throws {
    let gradients: [[Float]] = [[0.5, -1], [-0.25, 2], [1, 1]]
    for make in [{ Adam(learningRate: 0.1, amsgrad: true) as Optimizer }, { SGD(learningRate: 0.1, momentum: 0.9) },
                 { RMSprop(momentum: 0.5, centered: true) }, { AdamW(learningRate: 0.1) }] {
        let original = make()
        let parameter = NamedParameter(name: "layer.0.weight", tensor: Tensor([1, -2]))
        original.update([parameter], gradients: ["layer.0.weight": Tensor(gradients[0])])
        let saved = original.stateDict()
        #expect(saved["step"]?.item == 1)
        let restored = make()
        try restored.loadStateDict(saved)
        #expect(restored.step == 1)
        let copy = NamedParameter(name: "layer.0.weight", tensor: parameter.tensor.copy())
        for gradient in gradients.dropFirst() {
            original.update([parameter], gradients: ["layer.0.weight": Tensor(gradient)])
            restored.update([copy], gradients: ["layer.0.weight": Tensor(gradient)])
        }
        #expect(parameter.tensor.values == copy.tensor.values)
    }
    let adam = Adam()
    adam.update([NamedParameter(name: "w", tensor: Tensor([1]))], gradients: ["w": Tensor([1])])
    #expect(Set(adam.stateDict().keys) == ["step", "w.step", "w.exp_avg", "w.exp_avg_sq"])
}

@Test func learningRateCanBeChanged() {
    let sgd = SGD(learningRate: 0.1)
    let parameter = NamedParameter(name: "w", tensor: Tensor([1]))
    sgd.update([parameter], gradients: ["w": Tensor([1])])
    sgd.learningRate = 0.5
    sgd.update([parameter], gradients: ["w": Tensor([1])])
    #expect(allClose(parameter.tensor.values, [0.4]))
}

@Test func clipGradNormScalesAllGradients() {
    // ‖[3, 4, 12]‖ = 13; clipping to 6.5 halves every gradient (factor 6.5 / (13 + 1e-6)).
    var gradients: Gradients = ["a": Tensor([3, 4]), "b": Tensor([12])]
    let norm = clipGradNorm(&gradients, maxNorm: 6.5)
    #expect(abs(norm - 13) < 1e-5)
    #expect(allClose(gradients["a"]!.values, [1.5, 2]))
    #expect(allClose(gradients["b"]!.values, [6]))

    // A norm below the limit leaves the gradients alone.
    var small: Gradients = ["a": Tensor([3, 4])]
    #expect(abs(clipGradNorm(&small, maxNorm: 10) - 5) < 1e-6)
    #expect(small["a"]!.values == [3, 4])

    // The infinity norm is the largest magnitude; norm 1 is the sum of magnitudes.
    var inf: Gradients = ["a": Tensor([3, -4]), "b": Tensor([-12])]
    #expect(clipGradNorm(&inf, maxNorm: 6, normType: .infinity) == 12)
    #expect(allClose(inf["b"]!.values, [-6]))
    var one: Gradients = ["a": Tensor([3, -4]), "b": Tensor([-12])]
    #expect(abs(clipGradNorm(&one, maxNorm: 100, normType: 1) - 19) < 1e-5)
}

@Test func clipGradNormDoesNotTouchSharedValues() {
    let shared = Tensor([3, 4])
    var gradients: Gradients = ["a": shared, "b": shared]
    clipGradNorm(&gradients, maxNorm: 1)
    #expect(shared.values == [3, 4])
    let expected: Float = 3 / (50 as Float).squareRoot()
    #expect(allClose(gradients["a"]!.values, gradients["b"]!.values))
    #expect(abs(gradients["a"]!.values[0] - expected) < 1e-5)
}

@Test func clipGradValueAndWeights() {
    var gradients: Gradients = ["a": Tensor([-3, 0.5, 2])]
    clipGradValue(&gradients, clipValue: 1)
    #expect(gradients["a"]!.values == [-1, 0.5, 1])

    let weight = NamedParameter(name: "w", tensor: Tensor([-0.5, 0.005, 0.2]))
    clipWeights([weight], to: -0.01...0.01)
    #expect(weight.tensor.values == [-0.01, 0.005, 0.01])
}

@Test func exponentialMovingAverageAfterTwoUpdates() {
    let parameter = NamedParameter(name: "w", tensor: Tensor([1, 2]))
    let ema = ExponentialMovingAverage(decay: 0.9)
    ema.update(from: [parameter])
    #expect(ema.shadows["w"]!.values == [1, 2])
    parameter.tensor.assign(Tensor([3, -2]))
    ema.update(from: [parameter])
    // 0.9·[1, 2] + 0.1·[3, −2] = [1.2, 1.6]
    #expect(allClose(ema.shadows["w"]!.values, [1.2, 1.6]))
    #expect(parameter.tensor.values == [3, -2])

    let target = NamedParameter(name: "w", tensor: Tensor([0, 0]))
    let untracked = NamedParameter(name: "other", tensor: Tensor([7]))
    ema.copyShadows(to: [target, untracked])
    #expect(allClose(target.tensor.values, [1.2, 1.6]))
    #expect(untracked.tensor.values == [7])
}

@Test func updatingAModelUsesItsTrainableParameterNames() {
    let model = Sequential(Linear(2, 2), Linear(2, 1))
    model[1].freeze()
    let before = model.allParameters.map { $0.tensor.values }
    let (_, grads) = valueAndGrad(of: model) { m in m(Tensor([1, 2], shape: [1, 2])).sum() }
    SGD(learningRate: 0.5).update(model, with: grads)
    let after = model.allParameters.map { $0.tensor.values }
    #expect(Set(grads.keys) == ["0.weight", "0.bias"])
    #expect(after[0] != before[0] && after[1] != before[1])
    #expect(after[2] == before[2] && after[3] == before[3])
}

@Test(arguments: [Float(0.9), 0.3])
func adamUpdatesEachElementAsAOneElementTensorWould(beta1: Float) {
    // 19 values: two 8-lane blocks and a 3-value tail; β₁ 0.3 takes lerp's other branch. Bits must agree.
    var random = RandomGenerator(seed: 5)
    let start = Tensor.randn([19], generator: &random), steps = (0..<3).map { _ in Tensor.randn([19], generator: &random) }
    let whole = NamedParameter(name: "w", tensor: start.copy())
    let singles = start.values.enumerated().map { NamedParameter(name: "w\($0.offset)", tensor: Tensor([$0.element])) }
    let together = Adam(learningRate: 0.1, betas: (beta1, 0.999), weightDecay: 0.05)
    let apart = Adam(learningRate: 0.1, betas: (beta1, 0.999), weightDecay: 0.05)
    for gradient in steps {
        together.update([whole], gradients: ["w": gradient])
        let values = gradient.values
        apart.update(singles, gradients: Dictionary(uniqueKeysWithValues: singles.indices.map { ("w\($0)", Tensor([values[$0]])) }))
    }
    #expect(whole.tensor.values.map(\.bitPattern) == singles.map { $0.tensor.values[0].bitPattern })
    #expect(whole.tensor.values != start.values)
}
