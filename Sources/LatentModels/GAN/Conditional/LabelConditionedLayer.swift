import LatentNN

/// A network that reads a class label per sample beside its input: the generator and discriminator of a
/// conditional GAN (Mirza & Osindero 2014).
public protocol LabelConditionedLayer: Layer {
    /// How many classes the labels range over.
    var classCount: Int { get }
    /// The network applied to `x` (a batch of N) for the class `labels` (N values in `0..<classCount`).
    func callAsFunction(_ x: Tensor, labels: [Int]) -> Tensor
}

extension LabelConditionedLayer {
    /// The network applied to `x` for the labels 0, 1, …, `classCount` − 1 in turn, as for a balanced batch.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        callAsFunction(x, labels: cyclingLabels(count: x.shape[0], classCount: classCount))
    }
}

/// A discriminator with a second head that classifies its input (AC-GAN, Odena et al. 2017). Called as a
/// `Layer`, it gives the source head's scores alone.
public protocol AuxiliaryClassifierLayer: Layer {
    /// How many classes the class head tells apart.
    var classCount: Int { get }
    /// Whether the class head also learns the classes that fake samples were generated for (the paper's
    /// loss), besides the real samples' labels.
    var learnsFakeClasses: Bool { get }
    /// The source head's scores (`[N, 1]`, real against fake) and the class head's logits (`[N, classCount]`).
    func sourceAndClassLogits(_ x: Tensor) -> (source: Tensor, classLogits: Tensor)
}

extension AuxiliaryClassifierLayer {
    /// The source head's scores.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        sourceAndClassLogits(x).source
    }
}

/// The labels 0, 1, …, `classCount` − 1 repeated until there are `count`: label `i % classCount` for sample i.
public func cyclingLabels(count: Int, classCount: Int) -> [Int] {
    (0..<count).map { $0 % classCount }
}
