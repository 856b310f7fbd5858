import LatentNN

/// What a generator reads for a batch: noise and, for a conditional generator, the classes asked for.
public struct Latent {
    /// The noise, `[N] + latentShape`.
    public let noise: Tensor
    /// One requested class per sample; nil asks a conditional generator for the classes 0, 1, … in turn.
    public let labels: [Int]?
    /// The images that came with the input in its batch, for sides that run other players on them (the
    /// other domain's images of an unpaired translation GAN's batch); nil when there are none.
    public let partners: Tensor?

    public init(noise: Tensor, labels: [Int]? = nil, partners: Tensor? = nil) {
        self.noise = noise
        self.labels = labels
        self.partners = partners
    }

    /// The requested classes, or the classes 0, 1, …, `classCount` − 1 in turn when none were asked for.
    public func labels(classCount: Int) -> [Int] {
        labels ?? cyclingLabels(count: noise.shape[0], classCount: classCount)
    }

    /// The input of a grid of `classCount` rows of `columns`: sample `r · columns + c` is noise vector c of `z`
    /// (which must hold at least `columns`) with class r, so that row r shows class r and each column one noise.
    public static func classRows(_ z: Tensor, columns: Int, classCount: Int) -> Latent {
        precondition(columns >= 1 && z.shape[0] >= columns && classCount >= 1,
                     "Latent.classRows: need at least \(columns) noise vectors and one class, got \(z.shape[0]) and \(classCount)")
        let row = z.slice(axis: 0, range: 0..<columns)
        return Latent(noise: Tensor.concatenated(Array(repeating: row, count: classCount)),
                      labels: (0..<classCount).flatMap { Array(repeating: $0, count: columns) })
    }
}
