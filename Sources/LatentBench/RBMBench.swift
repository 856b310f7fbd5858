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

/// GFLOP per second of processor time of `body`, which performs `flops` floating-point operations, run `repeats`
/// times after 3 untimed runs: processor time rather than wall-clock time, so that other jobs on a shared machine
/// do not count (with one thread, OpenBLAS computes in the calling thread).
func processorRate(flops: Double, repeats: Int, _ body: () -> Void) -> Double {
    for _ in 0..<3 { body() }
    let start = processCPUSeconds()
    for _ in 0..<repeats { body() }
    return flops * Double(repeats) / (processCPUSeconds() - start) / 1e9
}

/// The SGEMM rate of this machine on `C = A·Bᵀ` products of shape m × k by n × k through Latent's OpenBLAS, in GFLOP
/// per second of processor time.
func sgemmRate(m: Int, n: Int, k: Int, repeats: Int) -> Double {
    let a = Tensor.uniform([m, k]), b = Tensor.uniform([n, k])
    return processorRate(flops: 2 * Double(m * n * k), repeats: repeats) {
        withoutGrad { _ = Tensor.matmul(a, b, transposeA: false, transposeB: true) }
    }
}
