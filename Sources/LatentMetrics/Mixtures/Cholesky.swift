import Foundation

/// Small dense Float64 triangular algebra for covariance matrices (row-major `[Double]`).
enum Cholesky {
    /// The lower-triangular L with L·Lᵀ = `matrix` (`dimension × dimension`, symmetric), or nil when
    /// the matrix is not positive definite.
    static func lower(_ matrix: [Double], dimension n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        return l
    }

    /// The inverse of a lower-triangular matrix (also lower-triangular).
    static func invertLower(_ l: [Double], dimension n: Int) -> [Double] {
        var inverse = [Double](repeating: 0, count: n * n)
        for column in 0..<n {
            inverse[column * n + column] = 1 / l[column * n + column]
            for row in (column + 1)..<n {
                var sum = 0.0
                for k in column..<row { sum -= l[row * n + k] * inverse[k * n + column] }
                inverse[row * n + column] = sum / l[row * n + row]
            }
        }
        return inverse
    }

    /// The transpose of a square row-major matrix.
    static func transpose(_ matrix: [Double], dimension n: Int) -> [Double] {
        var result = matrix
        for i in 0..<n { for j in 0..<n { result[j * n + i] = matrix[i * n + j] } }
        return result
    }
}
