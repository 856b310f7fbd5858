import LatentNN

/// A feature extractor whose work is split over the ranks of a process group: each rank extracts the
/// features of its share of the images (`ProcessGroup.rows(of:)`), and every rank receives all of them, in
/// the images' order, gathered with `MPI_Allgatherv`. Fewer images than ranks are extracted whole on every rank.
public struct RankSplitExtractor: FeatureExtracting {
    /// The extractor each rank runs on its share.
    public let extractor: any FeatureExtracting
    /// The ranks sharing the work.
    public let group: ProcessGroup

    /// `extractor`, each rank of `group` running it on its share of the images.
    public init(_ extractor: any FeatureExtracting, over group: ProcessGroup) {
        self.extractor = extractor
        self.group = group
    }

    public func featuresAndProbabilities(unitImages images: Tensor) throws -> (features: Tensor, probabilities: Tensor?) {
        let count = images.shape[0]
        guard count >= group.size else { return try extractor.featuresAndProbabilities(unitImages: images) }
        let share = try extractor.featuresAndProbabilities(unitImages: images.slice(axis: 0, range: group.rows(of: count)))
        let probabilities = share.probabilities.map { group.gatherRows($0, count: count) }
        return (group.gatherRows(share.features, count: count), probabilities)
    }
}
