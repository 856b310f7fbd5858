import LatentNN
import LatentTensor
import Testing

// A training loop that repeats the same shapes reuses pooled tensor memory: after warming up,
// GAN steps (forward, backward, Adam) allocate no fresh tensor blocks.

/// One GAN step on small MLPs: a discriminator update on real and detached fake samples, then a
/// generator update through the discriminator.
private func ganStep(
    g: Sequential, d: Sequential, real: Tensor, optimizerG: Adam, optimizerD: Adam
) {
    let z = Tensor.randn([real.shape[0], 16])
    let fake = withoutGrad { g(z) }
    let (_, dGradients) = valueAndGrad(of: d) { d in
        let realScores = d(real), fakeScores = d(fake)
        return binaryCrossEntropyWithLogits(realScores, Tensor.ones(like: realScores))
            + binaryCrossEntropyWithLogits(fakeScores, Tensor.zeros(like: fakeScores))
    }
    optimizerD.update(d.namedParameters(), gradients: dGradients)
    let (_, gGradients) = valueAndGrad(of: g) { g in
        let scores = d(g(z))
        return binaryCrossEntropyWithLogits(scores, Tensor.ones(like: scores))
    }
    optimizerG.update(g.namedParameters(), gradients: gGradients)
}

@Test func steadyStateTrainingAllocatesNoTensorMemory() {
    // A private pool, so that tests running in parallel neither allocate into the count nor take
    // the blocks this loop frees.
    TensorMemory.withPrivatePool {
        trainAndCountAllocations()
    }
}

private func trainAndCountAllocations() {
    let g = Sequential(Linear(16, 32), ReLU(), Linear(32, 16), Tanh())
    let d = Sequential(Linear(16, 32), LeakyReLU(negativeSlope: 0.2), Linear(32, 1))
    let real = Tensor.randn([8, 16])
    let optimizerG = Adam(learningRate: 2e-4, betas: (0.5, 0.999))
    let optimizerD = Adam(learningRate: 2e-4, betas: (0.5, 0.999))
    for _ in 0..<3 { ganStep(g: g, d: d, real: real, optimizerG: optimizerG, optimizerD: optimizerD) }
    let before = TensorMemory.freshAllocations
    for _ in 0..<50 { ganStep(g: g, d: d, real: real, optimizerG: optimizerG, optimizerD: optimizerD) }
    #expect(TensorMemory.freshAllocations == before)
}
