import LatentNN

extension AdversarialGame {
    /// The loss of the generator's side on the prepared sides, its logged terms and their measurements,
    /// through the discriminator unrolled by `options.unrolledSteps` when that is set.
    func generatorLoss(real: Sample, fake: Sample, random: inout RandomGenerator) -> TermTotal {
        guard options.unrolledSteps > 0 else {
            return total(of: generatorTerms, on: Verdict(real: real, fake: fake, discriminator: discriminator), random: &random)
        }
        let unrolled = unrolledParameters(real: real, fake: fake, random: &random)
        return discriminator.withParameters(unrolled) {
            total(of: generatorTerms, on: Verdict(real: real, fake: fake, discriminator: discriminator), random: &random)
        }
    }

    /// The discriminator's parameters after `unrolledSteps` plain gradient-descent steps at its
    /// learning rate on its terms (not its penalties) for `real` and `fake`, with history back to the
    /// samples (so to the generator's side) through every step's gradient (Metz et al. 2017).
    private func unrolledParameters(real: Sample, fake: Sample, random: inout RandomGenerator) -> Gradients {
        let parameters = discriminator.namedParameters()
        for parameter in parameters { parameter.tensor.requiresGrad = true }
        defer { for parameter in parameters { parameter.tensor.requiresGrad = false } }
        let names = parameters.map(\.name), rate = discriminatorOptimizer.learningRate
        var current = parameters.map(\.tensor)
        for _ in 0..<options.unrolledSteps {
            let loss = discriminator.withParameters(Dictionary(uniqueKeysWithValues: zip(names, current))) {
                total(of: discriminatorTerms, on: Verdict(real: real, fake: fake, discriminator: discriminator), random: &random).loss
            }
            let grads = gradients(of: loss, withRespectTo: current, createGraph: true)
            current = zip(current, grads).map { $0 - rate * $1 }
        }
        return Dictionary(uniqueKeysWithValues: zip(names, current))
    }
}
