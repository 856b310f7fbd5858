/// Gradient descent on t-SNE's objective as scikit-learn's `_gradient_descent`: momentum, per-coordinate gains,
/// the KL divergence checked every 50 iterations for progress, early exaggeration over the first 250.
struct TSNEOptimizer {
    /// The iterations with the exaggerated P and momentum 0.5.
    static let exaggeratedIterations = 250
    /// Iterations between checks of the KL divergence.
    static let checkEvery = 50

    var objective: TSNEObjective
    let settings: TSNESettings
    let learningRate: Double

    init(objective: TSNEObjective, settings: TSNESettings, count: Int) {
        self.objective = objective
        self.settings = settings
        learningRate = settings.learningRate ?? max(Double(count) / settings.earlyExaggeration / 4, 50)
    }

    /// Runs both phases from `initial`.
    mutating func run(from initial: [Double]) -> TSNEResult {
        var embedding = initial
        objective.exaggeration = settings.earlyExaggeration
        var (kl, iteration) = descend(&embedding, from: 0, to: Self.exaggeratedIterations, momentum: 0.5,
                                      patience: Self.exaggeratedIterations)
        objective.exaggeration = 1
        if iteration < Self.exaggeratedIterations - 1 || settings.maxIterations > Self.exaggeratedIterations {
            (kl, iteration) = descend(&embedding, from: iteration + 1, to: settings.maxIterations, momentum: 0.8,
                                      patience: settings.iterationsWithoutProgress)
        }
        return TSNEResult(embedding: embedding, klDivergence: kl, iterations: iteration + 1)
    }

    /// Iterations `start..<end` on `embedding`; returns the last KL divergence computed and the last iteration.
    private func descend(_ embedding: inout [Double], from start: Int, to end: Int, momentum: Double, patience: Int)
        -> (kl: Double, iteration: Int) {
        var update = [Double](repeating: 0, count: embedding.count)
        var gains = [Double](repeating: 1, count: embedding.count)
        var kl = Double.greatestFiniteMagnitude, best = Double.greatestFiniteMagnitude
        var bestIteration = start, iteration = start
        guard start < end else { return (kl, start - 1) }
        for current in start..<end {
            iteration = current
            let checks = (current + 1) % Self.checkEvery == 0
            var (error, gradient) = objective.barnesHut(embedding, angle: settings.angle, withKL: checks || current == end - 1)
            var squaredNorm = 0.0
            for k in embedding.indices {
                if update[k] * gradient[k] < 0 { gains[k] += 0.2 } else { gains[k] = max(gains[k] * 0.8, 0.01) }
                gradient[k] *= gains[k]
                squaredNorm += gradient[k] * gradient[k]
                update[k] = momentum * update[k] - learningRate * gradient[k]
                embedding[k] += update[k]
            }
            if !error.isNaN { kl = error }
            guard checks else { continue }
            if error < best {
                best = error
                bestIteration = current
            } else if current - bestIteration > patience {
                break
            }
            if squaredNorm.squareRoot() <= settings.minGradNorm { break }
        }
        return (kl, iteration)
    }
}
