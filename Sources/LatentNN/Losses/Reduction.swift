import LatentTensor

/// How a loss combines its per-element (or per-sample) values, as PyTorch's `reduction` argument.
public enum Reduction: Sendable {
    /// The average of the values (PyTorch's `'mean'`).
    case mean
    /// The sum of the values (PyTorch's `'sum'`).
    case sum
    /// The values themselves, unreduced (PyTorch's `'none'`).
    case none

    /// `values` reduced as this case says.
    func apply(_ values: Tensor) -> Tensor {
        switch self {
        case .mean: values.mean()
        case .sum: values.sum()
        case .none: values
        }
    }
}
