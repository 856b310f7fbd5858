import LatentNN

extension AdversarialGame {
    /// Updates the discriminator on the detached `real` and `fake` sides, recording its loss, its logged
    /// terms, the penalties and its probabilities in `outcome`.
    func updateDiscriminator(
        real: Sample, fake: Sample, noiseLevel: Float, random: inout RandomGenerator, outcome: inout StepOutcome
    ) {
        let real = prepare(real, noiseLevel: noiseLevel, random: &random)
        let fake = prepare(fake, noiseLevel: noiseLevel, random: &random)
        let (loss, verdict, gradients) = valueAndGrad(of: [discriminatorPlayer]) {
            let verdict = Verdict(real: real, fake: fake, discriminator: discriminator)
            let terms = total(of: discriminatorTerms, on: verdict, random: &random)
            var (loss, logged) = (terms.loss, terms.logged)
            outcome.measurements.merge(terms.measured) { _, new in new }
            for regularizer in options.regularizers {
                let penalty = regularizer.penalty(
                    discriminator: { verdict.discriminator.heads(real.replacingImages($0)).score },
                    real: real.images, fake: fake.images, generator: &random)
                logged["loss_" + regularizer.name] = penalty.item
                loss = loss + penalty
            }
            outcome.losses.merge(logged) { _, new in new }
            return (loss, verdict)
        }
        discriminatorPlayer.update(with: gradients[0], clippingTo: options.gradientClip)
        if let bound = options.weightClip { clipWeights(discriminator.namedParameters(), to: -bound...bound) }
        let realProbabilities = objective.probabilities(verdict.realHeads.score.detached())
        let fakeProbabilities = objective.probabilities(verdict.fakeHeads.score.detached())
        outcome.losses["loss_d"] = loss.item
        outcome.measurements["d_real"] = realProbabilities.mean().item
        outcome.measurements["d_fake"] = fakeProbabilities.mean().item
        outcome.measurements["d_accuracy_real"] = Self.share(realProbabilities) { $0 > 0.5 }
        outcome.measurements["d_accuracy_fake"] = Self.share(fakeProbabilities) { $0 < 0.5 }
    }

    private static func share(_ values: Tensor, where predicate: (Float) -> Bool) -> Float {
        values.withValues { Float($0.filter(predicate).count) / Float(Swift.max($0.count, 1)) }
    }
}
