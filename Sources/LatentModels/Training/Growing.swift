/// A model whose resolution changes on a schedule while it trains (a progressively growing GAN), so that
/// a run keeps a sample grid per resolution.
public protocol Growing: AnyObject {
    /// The level the next training step runs at; nil when the model does not grow.
    var growthLevel: GrowthLevel? { get }
    /// `body`'s result with the networks held at `level`.
    func atGrowthLevel<R>(_ level: GrowthLevel, _ body: () throws -> R) rethrows -> R
}
