/// The shape of each Gaussian mixture component's covariance, named as scikit-learn's `covariance_type`.
public enum CovarianceType: String, Sendable, CaseIterable {
    /// A full symmetric positive-definite matrix per component; covariances `[K, D, D]`.
    case full
    /// A diagonal matrix per component; covariances `[K, D]`.
    case diag
    /// One variance per component, the same in every direction; covariances `[K]`.
    case spherical

    /// The covariance values of `components` components in `dimension` dimensions.
    func valueCount(components: Int, dimension: Int) -> Int {
        switch self {
        case .full: components * dimension * dimension
        case .diag: components * dimension
        case .spherical: components
        }
    }

    /// The shape of the covariances tensor.
    func shape(components: Int, dimension: Int) -> [Int] {
        switch self {
        case .full: [components, dimension, dimension]
        case .diag: [components, dimension]
        case .spherical: [components]
        }
    }

    /// The free parameters of the covariances.
    func parameterCount(components: Int, dimension: Int) -> Int {
        switch self {
        case .full: components * dimension * (dimension + 1) / 2
        case .diag: components * dimension
        case .spherical: components
        }
    }
}
