import ArgumentParser
import Foundation
import LatentModels
import LatentNN
import LatentTensor

/// Times training steps of the benchmark models and prints images per second and peak memory.
struct LatentBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latent-bench",
        abstract: """
            Times training steps of Latent's benchmark models (compare with Benchmarks/pytorch_bench.py), \
            or with --inception FID Inception feature extraction (compare with Benchmarks/inception_pytorch.py).
            """)

    enum Model: String, ExpressibleByArgument, CaseIterable {
        case mlpGAN = "mlp-gan", dcgan = "dcgan", dcganMNIST = "dcgan-mnist", dcgan32 = "dcgan-32"
        case wganGP = "wgan-gp", wganGPFull = "wgan-gp-full", vaeMLP = "vae-mlp", infogan = "infogan", bigan = "bigan", semiGAN = "semi-gan", rbm = "rbm"
        case catalogDCGAN = "catalog-dcgan", dcganRotation = "dcgan-rotation", dcganContrastive = "dcgan-contrastive"
        case pix2pix64 = "pix2pix-64"
        case stylegan32 = "stylegan-32"
    }

    @Option(help: "The model: \(Model.allCases.map(\.rawValue).joined(separator: ", ")).")
    var model: Model?
    @Flag(help: "Time Inception-v3 feature extraction of --images random 32×32 images instead of a model.")
    var inception = false
    @Option(help: "Images whose Inception features are timed (with --inception).")
    var images = 500
    @Option(help: "The FID Inception weights file (with --inception; default: $LATENT_INCEPTION_WEIGHTS, then the cache).")
    var inceptionWeights: String?
    @Option(help: "Images per batch.")
    var batch = 64
    @Option(help: "Threads for Latent's kernels and OpenBLAS.")
    var threads = 1
    @Option(help: "Timed steps (default: enough for about 6 seconds, at least 30).")
    var steps: Int?
    @Option(help: "Untimed warm-up steps.")
    var warmup = 5
    @Flag(help: "Print one JSON object instead of a sentence.")
    var json = false
    @Flag(help: "Time data-parallel steps over the ranks mpirun started: --batch is the global batch, split over them; adds the all-reduce time, calls and bytes per step.")
    var distributed = false

    func validate() throws {
        guard (model == nil) == inception else { throw ValidationError("give either --model or --inception") }
        guard images >= 1 else { throw ValidationError("--images must be at least 1, got \(images)") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1, got \(batch)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
    }

    func run() throws {
        Threads.set(threads)
        GlobalRandom.seed(0)
        if inception { return try runInception() }
        guard let model else { return }
        let group = distributed ? try DataParallel.start(timeout: 300) : nil
        defer { DataParallel.finish() }
        let ranks = group?.size ?? 1
        guard batch % ranks == 0 else { throw ValidationError("--batch \(batch) cannot be split evenly over \(ranks) ranks") }
        let step = try makeStep(model, batch: batch / ranks)
        var warmupSeconds: [Double] = []
        for _ in 0..<warmup { warmupSeconds.append(timed(step.run)) }
        let perStep = warmupSeconds.last ?? timed(step.run)
        var count = steps ?? min(3000, max(30, Int(6 / max(perStep, 1e-6))))
        // Every rank must take as many steps as the others: rank 0's count would do, the largest is simpler.
        if let group { count = Int(group.combine([Double(count)], maximum: true)[0]) }
        var seconds: [Double] = [], exchanges: [CollectiveTally] = []
        for _ in 0..<count {
            let before = group?.collectives
            seconds.append(timed(step.run))
            if let group, let before { exchanges.append(group.collectives.since(before)) }
        }
        let median = seconds.sorted()[seconds.count / 2]
        var result: [String: Any] = [
            "model": model.rawValue, "batch": batch, "threads": threads,
            "images_per_second": Double(step.imagesPerStep * ranks) / median,
            "steps": count, "warmup": warmup, "median_step_seconds": median,
            "peak_rss_bytes": peakResidentBytes(), "framework": "latent", "blas_core": BLASInfo.coreName,
        ]
        if let rbm = step as? RBMStep { result.merge(matrixRates(rbm)) { $1 } }
        if let exchange = exchanges.first {
            result["ranks"] = ranks
            result["allreduce_seconds_per_step"] = exchanges.map(\.seconds).sorted()[exchanges.count / 2]
            result["allreduce_calls_per_step"] = exchange.calls
            result["allreduce_bytes_per_step"] = exchange.bytes
        }
        guard group.map({ $0.rank == 0 }) ?? true else { return }
        if json {
            let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(String(format: "%@ batch %d, %d ranks × %d threads: %.1f images/s, peak RSS %.0f MiB",
                         model.rawValue, batch, ranks, threads, Double(step.imagesPerStep * ranks) / median,
                         Double(peakResidentBytes()) / 1_048_576))
            if let rate = result["step_cpu_gflops"] as? Double, let sgemm = result["sgemm_cpu_gflops"] as? Double,
               let shaped = result["sgemm_step_shape_cpu_gflops"] as? Double {
                print(String(format: "  matrix products %.1f GFLOP per processor second: %.0f%% of SGEMM 1024³ (%.1f), %.0f%% of SGEMM at the step's shape (%.1f)",
                             rate, 100 * rate / sgemm, sgemm, 100 * rate / shaped, shaped))
            }
            if let exchange = exchanges.first {
                print(String(format: "  all-reduce per step: %.2f ms (median), %d calls, %d bytes",
                             1000 * exchanges.map(\.seconds).sorted()[exchanges.count / 2], exchange.calls, exchange.bytes))
            }
        }
    }

    /// The RBM step's matrix-product rate beside the machine's SGEMM rates, all per second of processor time: on
    /// 1024³ products and on the step's own shape (batch × 784 by hidden × 784).
    private func matrixRates(_ step: RBMStep) -> [String: Any] {
        let hidden = step.rbm.machine.hiddenCount
        let square = sgemmRate(m: 1024, n: 1024, k: 1024, repeats: 20)
        let shaped = sgemmRate(m: batch, n: hidden, k: 784, repeats: 400)
        let rate = processorRate(flops: step.matrixFlops, repeats: 100, step.run)
        return ["step_cpu_gflops": rate, "sgemm_cpu_gflops": square, "sgemm_step_shape_cpu_gflops": shaped,
                "fraction_of_sgemm": rate / square, "fraction_of_sgemm_step_shape": rate / shaped, "hidden": hidden]
    }

    private func runInception() throws {
        let timing = try timeInceptionFeatures(images: images, batch: batch, weightsPath: inceptionWeights)
        if json {
            let result: [String: Any] = [
                "framework": "latent", "images": images, "batch": batch, "threads": threads,
                "seconds": timing.seconds, "images_per_second": timing.imagesPerSecond, "cpu_seconds": timing.cpuSeconds,
                "peak_rss_bytes": peakResidentBytes(),
            ]
            let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(String(format: "latent inception: %d images, batch %d, %d threads: %.2f images/s, %.2f CPU s/image, peak RSS %.0f MiB",
                         images, batch, threads, timing.imagesPerSecond, timing.cpuSeconds / Double(images),
                         Double(peakResidentBytes()) / 1_048_576))
        }
    }

    private func makeStep(_ model: Model, batch: Int) throws -> any BenchmarkStep {
        switch model {
        case .mlpGAN:
            return GANStep(
                generator: MLPGAN.generator(), discriminator: MLPGAN.discriminator(),
                noiseShape: [batch, MLPGAN.latentSize], real: RealBatches(shape: [batch, 784], low: -1, high: 1),
                objective: NonSaturatingObjective(output: .probabilities))
        case .dcgan:
            return GANStep(
                generator: DCGANMNIST.generator(), discriminator: DCGANMNIST.discriminator(),
                noiseShape: [batch, DCGANMNIST.latentSize], real: RealBatches(shape: [batch, 1, 28, 28], low: -1, high: 1),
                objective: NonSaturatingObjective())
        case .dcganMNIST:
            return GANStep(
                generator: DCGANMNIST.generator(hiddenSize: 0), discriminator: DCGANMNIST.discriminator(hiddenSize: 0),
                noiseShape: [batch, DCGANMNIST.latentSize], real: RealBatches(shape: [batch, 1, 28, 28], low: -1, high: 1),
                objective: NonSaturatingObjective())
        case .dcgan32:
            return GANStep(
                generator: DCGAN32.generator(), discriminator: DCGAN32.discriminator(),
                noiseShape: [batch, DCGAN32.latentSize, 1, 1], real: RealBatches(shape: [batch, 3, 32, 32], low: -1, high: 1),
                objective: NonSaturatingObjective())
        case .wganGP:
            return WGANGPStep(batch: batch, criticSteps: 1, includesGeneratorStep: false)
        case .wganGPFull:
            return WGANGPStep(batch: batch, criticSteps: 5, includesGeneratorStep: true)
        case .vaeMLP:
            return VAEStep(batch: batch)
        case .infogan:
            return try CatalogStep(model: "infogan", options: [:], batch: batch)
        case .bigan:
            return try CatalogStep(model: "bigan", options: [:], batch: batch)
        case .semiGAN:
            return try SemiGANStep(batch: batch)
        case .rbm:
            return RBMStep(batch: batch)
        case .catalogDCGAN:
            return try CatalogStep(model: "dcgan", options: [:], batch: batch)
        case .dcganRotation:
            return try CatalogStep(model: "dcgan", options: ["rotation": "0.2,1"], batch: batch)
        case .dcganContrastive:
            return try CatalogStep(model: "dcgan", options: ["contrastive": "1,0.1"], batch: batch)
        case .pix2pix64:
            return Pix2PixStep(batch: batch)
        case .stylegan32:
            return try CatalogStep(model: "stylegan", options: [:], batch: batch)
        }
    }

    private func timed(_ body: () -> Void) -> Double {
        let start = monotonicSeconds()
        body()
        return monotonicSeconds() - start
    }
}

OpenMPWaitPolicy.preferPassive()
LatentBench.main()
