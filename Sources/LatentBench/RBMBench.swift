import LatentModels
import LatentNN

/// The RBM step of the issue: one CD-k update (`RBM.step`) of a 784 × `hidden` RBM on a batch of grey images,
/// binarized stochastically as in training, SGD with momentum 0.9 and weight decay on W.
final class RBMStep: BenchmarkStep {
    let rbm: RBM
    let real: RealBatches
    var noise = RandomGenerator(seed: 0)
    let imagesPerStep: Int
    /// Floating-point operations of the step's matrix products: 2·N·V·H for the data's hidden input, twice that per
    /// Gibbs step (visible given hidden, hidden input of the new states) and for the two gradient products.
    let matrixFlops: Double

    init(batch: Int, hidden: Int = 500, k: Int = 1) {
        var training = RBMTraining()
        training.divergence = ContrastiveDivergence(k: k)
        training.weightDecay = 0.0002
        rbm = RBM(machine: RestrictedBoltzmannMachine(visible: 784, hidden: hidden),
                  optimizer: SGD(learningRate: 0.05, momentum: 0.9), training: training)
        imagesPerStep = batch
        real = RealBatches(shape: [batch, 784], low: 0, high: 1)
        matrixFlops = 2 * Double(batch * 784 * hidden) * Double(2 * k + 3)
    }

    func run() {
        _ = rbm.step(real: real.take(), generator: &noise)
    }
}

/// The SGEMM rate of this machine: the median GFLOP/s of `C = A·Bᵀ` products of the given shape through Latent's
/// OpenBLAS, timed `repeats` times after a warm-up.
func sgemmRate(m: Int, n: Int, k: Int, repeats: Int, timed: (() -> Void) -> Double) -> Double {
    let a = Tensor.uniform([m, k]), b = Tensor.uniform([n, k])
    let product = { withoutGrad { _ = Tensor.matmul(a, b, transposeA: false, transposeB: true) } }
    for _ in 0..<3 { product() }
    let seconds = (0..<repeats).map { _ in timed(product) }.sorted()
    return 2 * Double(m * n * k) / seconds[repeats / 2] / 1e9
}
