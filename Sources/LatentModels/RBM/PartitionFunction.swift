import Foundation
import LatentNN

/// The log partition function log Z = log Σᵥ,ₕ e^{−E(v, h)} of an RBM.
public enum PartitionFunction {
    /// The most hidden units `exact(_:)` enumerates (2²⁰ configurations).
    public static let maximumExactHiddenUnits = 20

    /// log Z exactly, summing over every configuration of the hidden units in Float64:
    /// log Σₕ exp(cᵀh + Σᵢ softplus(bᵢ + (hW)ᵢ)) for Bernoulli visible units,
    /// log Σₕ exp(cᵀh + ½‖b + hW‖² − ½‖b‖²) + (visible/2)·log 2π for Gaussian ones.
    /// Throws when the machine has more than `maximumExactHiddenUnits` hidden units.
    public static func exact(_ machine: RestrictedBoltzmannMachine) throws -> Double {
        let hidden = machine.hiddenCount
        guard hidden <= maximumExactHiddenUnits else {
            throw PartitionFunctionError(
                "exact log Z enumerates 2^hidden configurations: at most \(maximumExactHiddenUnits) hidden units, got \(hidden); use AIS")
        }
        let total = 1 << hidden, chunk = Swift.min(total, 4096)
        var sum = LogSumExp()
        let bias = machine.visibleBias.values.map(Double.init), hiddenBias = machine.hiddenBias.values.map(Double.init)
        let biasNorm = bias.reduce(0) { $0 + $1 * $1 } / 2
        withoutGrad {
            for first in stride(from: 0, to: total, by: chunk) {
                let configurations = Tensor.zeros([chunk, hidden])
                configurations.withMutableValues { h in
                    for row in 0..<chunk {
                        for j in 0..<hidden where (first + row) >> j & 1 == 1 { h[row * hidden + j] = 1 }
                    }
                }
                let weighted = configurations.matmul(machine.weight)  // hW, [chunk, visible]
                let h = configurations.values, input = weighted.values
                let visible = machine.visibleCount
                for row in 0..<chunk {
                    var term = 0.0
                    for j in 0..<hidden { term += hiddenBias[j] * Double(h[row * hidden + j]) }
                    for i in 0..<visible {
                        let x = bias[i] + Double(input[row * visible + i])
                        switch machine.visibleUnits {
                        case .bernoulli: term += softplus(x)
                        case .gaussian: term += x * x / 2
                        }
                    }
                    sum.add(machine.visibleUnits == .gaussian ? term - biasNorm : term)
                }
            }
        }
        let gaussianConstant = machine.visibleUnits == .gaussian ? Double(machine.visibleCount) / 2 * Foundation.log(2 * Double.pi) : 0
        return sum.value + gaussianConstant
    }

    /// log(1 + eˣ) without overflow.
    static func softplus(_ x: Double) -> Double {
        x > 0 ? x + Foundation.log1p(Foundation.exp(-x)) : Foundation.log1p(Foundation.exp(x))
    }
}

/// A running log Σ eˣ in Float64.
struct LogSumExp {
    private var maximum = -Double.infinity
    private var scaled = 0.0

    mutating func add(_ x: Double) {
        if x <= maximum {
            scaled += Foundation.exp(x - maximum)
        } else {
            scaled = scaled * Foundation.exp(maximum - x) + 1
            maximum = x
        }
    }

    var value: Double { maximum + Foundation.log(scaled) }
}

/// Why a partition function could not be computed.
public struct PartitionFunctionError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
