/// A metric estimated over random subsets: the mean and the (population) standard deviation.
public struct MeanAndDeviation: Sendable, Equatable {
    /// The mean over subsets (or splits).
    public let mean: Double
    /// The standard deviation over subsets (or splits), dividing by their number, as `numpy.std`.
    public let std: Double

    /// The mean and standard deviation of `values`, at least one.
    init(_ values: [Double]) {
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        self.std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
    }
}
