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
    /// The term's value and what it measured on the way, by key (such as an extra head's accuracy),
    /// logged as measurements.
    func lossAndMeasurements(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> (Tensor, [String: Float])
}

extension Term {
    public var key: String? { nil }

    /// The value of `loss(_:random:)`, measuring nothing.
    public func lossAndMeasurements(_ verdict: Verdict<Sample>, random: inout RandomGenerator) -> (Tensor, [String: Float]) {
        (loss(verdict, random: &random), [:])
    }
}

/// The sum of terms on a verdict, each logged term's value by its key, and the terms' measurements.
typealias TermTotal = (loss: Tensor, logged: [String: Float], measured: [String: Float])

/// The sum of `terms` on `verdict` in order, each logged term's value by its key, and their measurements.
func total<Sample>(of terms: [any Term<Sample>], on verdict: Verdict<Sample>, random: inout RandomGenerator) -> TermTotal {
    var loss: Tensor?
    var logged: [String: Float] = [:], measured: [String: Float] = [:]
    for term in terms {
        let (value, measurements) = term.lossAndMeasurements(verdict, random: &random)
        if let key = term.key { logged[key] = value.item }
        measured.merge(measurements) { _, new in new }
        loss = loss.map { $0 + value } ?? value
    }
    guard let loss else { preconditionFailure("a player of the game has no loss terms") }
    return (loss, logged, measured)
}
