import LatentNN

/// One part of a player's loss, read from the discriminator's verdict on a step's samples: the objective,
/// an auxiliary loss of an option (AC-GAN's class cross-entropy, feature matching). The discriminator
/// minimizes the sum of its terms (and the penalties of its regularizers); the generator's side the sum
/// of its own.
public protocol Term<Sample> {
    associatedtype Sample: AdversarialSample
    /// The name its value is logged under in `metrics.jsonl` (such as `loss_d_class`); nil logs none.
    var key: String? { get }
    /// The term's value, with history; random draws come from `random`.
    func loss(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> Tensor
    /// What is logged of the term's `value` on `verdict`, by name: by default the value under `key`.
    func logged(_ value: Float, _ verdict: Verdict<Sample>) -> [String: Float]
}

extension Term {
    public var key: String? { nil }

    public func logged(_ value: Float, _ verdict: Verdict<Sample>) -> [String: Float] {
        key.map { [$0: value] } ?? [:]
    }
}

/// The sum of `terms` on `verdict` in order, and each logged term's value by its key.
func total<Sample>(
    of terms: [any Term<Sample>], on verdict: Verdict<Sample>, random: inout RandomGenerator
) -> (loss: Tensor, logged: [String: Float]) {
    var loss: Tensor?
    var logged: [String: Float] = [:]
    for term in terms {
        let value = term.loss(verdict, random: &random)
        logged.merge(term.logged(value.item, verdict)) { _, new in new }
        loss = loss.map { $0 + value } ?? value
    }
    guard let loss else { preconditionFailure("a player of the game has no loss terms") }
    return (loss, logged)
}
