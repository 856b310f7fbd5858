import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentReport

/// `latent sample RUN`: samples from a trained run's generator or decoder.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate samples from a run's latest checkpoint.",
        discussion: """
            Loads the generator (GAN) or decoder (VAE) of the model named in RUN/config.yaml from \
            RUN/checkpoints/latest and generates in evaluation mode from latent vectors: standard normal ones drawn \
            with --seed, or those of a safetensors file (--z) holding tensor "z" of shape [N, latent...], such as \
            RUN/samples/z.safetensors. Writes a PNG grid (--out, default RUN/samples/sample.png unless only \
            --tensor-out is given) and/or the samples as tensor "samples" of shape [N, channels, height, width] \
            (--tensor-out).

            For a class-conditional model (cgan, acgan) the default grid has one row per class (row r is class r, \
            the same latent vector down each column, --columns of them); --class K draws every sample of class K; \
            --count or --z without --class give sample i class i mod 10.

            Examples:
              latent sample runs/dcgan-mnist --count 16 --seed 3 --out digits.png
              latent sample runs/dcgan-mnist --out digits.png \\
                --z runs/dcgan-mnist/samples/z.safetensors --tensor-out digits.safetensors
              latent sample runs/dcgan-mnist --interpolate 8 --columns 10 --out interpolation.png
              latent sample runs/cgan --class 7 --count 16 --out sevens.png

            For a style-based model (stylegan), --truncation ψ pulls the styles towards the average style, \
            --style-mix draws StyleGAN's style-mixing grid and --noise-grid rows of one latent with fresh noise \
            inputs (the noise inputs are drawn with a seed derived from --seed):
              latent sample runs/stylegan --truncation 0.7 --out truncated.png
              latent sample runs/stylegan --style-mix --mix-styles coarse --out mixing.png
              latent sample runs/stylegan --noise-grid 4 --out noise.png
            """)

    @Argument(help: ArgumentHelp("The run directory.", valueName: "run"))
    var runDirectory: String

    @Option(help: "How many samples to draw (not with --z).")
    var count: Int?

    @Option(help: "The seed of the latent vectors (not with --z).")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("A safetensors file holding the latent vectors as tensor \"z\".", valueName: "file"))
    var z: String?

    @Option(help: ArgumentHelp(
        "Instead of independent samples, N rows of straight-line interpolations between two random latent vectors "
            + "(--columns steps each, ends included).", valueName: "rows"))
    var interpolate: Int?

    @Option(help: ArgumentHelp(
        "For a model with a 2-D latent space (vae --option latent_size=2): an N×N grid of the decoder's outputs at the "
            + "standard normal's quantiles 0.05…0.95 on each axis (the learned manifold).", valueName: "n"))
    var manifold: Int?

    @Option(name: .customLong("class"), help: ArgumentHelp(
        "For a class-conditional model (cgan, acgan): draw every sample of this class.", valueName: "K"))
    var requestedClass: Int?

    @Option(help: ArgumentHelp(
        "For a style-based model (stylegan): styles truncated towards the average style, w̄ + ψ(w − w̄); 1 keeps them.",
        valueName: "psi"))
    var truncation: Float?

    @Flag(help: ArgumentHelp(
        "For a style-based model: StyleGAN's style-mixing grid (Figure 3), --columns − 1 sources along the top and the same "
            + "latents as destinations down the side, each cell a destination given the --mix-styles styles of a source."))
    var styleMix = false

    @Option(help: ArgumentHelp("With --style-mix, the styles a source gives: coarse (4×4 and 8×8 layers), middle (16×16) or fine (32×32).",
                               valueName: "band"))
    var mixStyles: StyleGrids.Band = .coarse

    @Option(help: ArgumentHelp(
        "For a style-based model: N rows of one latent each, --columns images per row with fresh noise inputs.", valueName: "rows"))
    var noiseGrid: Int?

    @Option(help: ArgumentHelp("Where to write the PNG grid.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Where to write the samples as a safetensors file (tensor \"samples\").", valueName: "file"))
    var tensorOut: String?

    @Option(help: "Images per row of the grid.")
    var columns: Int = 8

    /// The most samples one command draws (a grid or tensor of them is held in memory).
    static let maximumCount = 65_536
    /// The most images in a row of the grid.
    static let maximumColumns = 1024

    func validate() throws {
        if let count { try FlagRange.check(count, "--count", in: 1...Self.maximumCount) }
        if z != nil && count != nil { throw ValidationError("give either --count or --z, not both") }
        if let manifold {
            try FlagRange.check(manifold, "--manifold", in: 2...256)
            guard z == nil && count == nil && interpolate == nil else {
                throw ValidationError("--manifold places its own latent vectors; leave out --z, --count and --interpolate")
            }
        }
        if let interpolate {
            try FlagRange.check(interpolate, "--interpolate", in: 1...Self.maximumCount)
            try FlagRange.checkProduct(("--interpolate", interpolate), ("--columns", columns), atMost: Self.maximumCount)
            guard z == nil && count == nil else { throw ValidationError("--interpolate draws its own latent vectors; leave out --z and --count") }
        }
        try FlagRange.check(columns, "--columns", in: 1...Self.maximumColumns)
        if let requestedClass, requestedClass < 0 { throw ValidationError("--class must be at least 0, got \(requestedClass)") }
        try validateStyleFlags()
    }

    func run() throws {
        try CommandFailure.reporting(sample)
    }

    private func sample() throws {
        let trained = try TrainedRun(directory: URL(fileURLWithPath: runDirectory))
        let samples = try self.samples(of: trained)
        if let tensorOut {
            try SafeTensors.write([("samples", samples)], to: URL(fileURLWithPath: tensorOut))
            Console.out("Wrote \(samples.shape[0]) samples of shape \(Array(samples.shape.dropFirst())) to \(tensorOut)")
        }
        if let png = out ?? (tensorOut == nil ? runDirectory + "/samples/sample.png" : nil) {
            guard samples.rank == 4, [1, 3].contains(samples.shape[1]) else {
                throw CommandFailure("model \(trained.entry.name) makes samples of shape \(trained.sampleShape), not images; use --tensor-out")
            }
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: png).deletingLastPathComponent(), withIntermediateDirectories: true)
            try ImageGrid.save(images: samples, to: png, columns: manifold ?? columns, range: PixelRange(trained.entry.scaling))
            Console.out("Wrote a grid of \(samples.shape[0]) samples to \(png)")
        }
    }

    /// The samples the options ask of `trained`: for a class-conditional model, one row per class unless
    /// `--class`, `--count`, `--z`, `--interpolate` or `--manifold` say otherwise.
    private func samples(of trained: TrainedRun) throws -> Tensor {
        if usesStyles { return try styleSamples(of: trained) }
        guard let classCount = trained.generator.conditionalClassCount else {
            if requestedClass != nil { throw CommandFailure("model \(trained.entry.name) is not conditioned on classes; leave out --class") }
            return trained.samples(try latents(of: trained.generator))
        }
        if let requestedClass {
            guard requestedClass < classCount else {
                throw CommandFailure("--class \(requestedClass) is not a class of model \(trained.entry.name), whose classes are 0…\(classCount - 1)")
            }
            let z = try latents(of: trained.generator)
            return trained.samples(z, labels: Array(repeating: requestedClass, count: z.shape[0]))
        }
        guard count == nil && z == nil && interpolate == nil && manifold == nil else {
            return trained.samples(try latents(of: trained.generator))
        }
        var generator = RandomGenerator(seed: seed)
        let rows = ClassRows.latents(Tensor.randn([columns] + trained.generator.latentShape, generator: &generator),
                                     columns: columns, classCount: classCount)
        return trained.samples(rows.z, labels: rows.labels)
    }

    /// The latent vectors of `model`: `--interpolate` rows of `--columns` points on the segment between two
    /// draws from its prior (standard normal vectors for most models), those of `--z` checked against its
    /// latent shape, or `--count` drawn from its prior with `--seed`.
    func latents(of model: any SampleGenerating) throws -> Tensor {
        let shape = model.latentShape
        if let manifold {
            guard shape == [2] else {
                throw CommandFailure("--manifold needs a 2-D latent space; this model's latent vectors have shape \(shape)")
            }
            let quantiles = (0..<manifold).map { Self.normalQuantile(0.05 + 0.9 * Double($0) / Double(manifold - 1)) }
            // Rows run from high to low second coordinate, so the grid reads like a plot of the plane.
            let points = quantiles.reversed().flatMap { y in quantiles.flatMap { x in [Float(x), Float(y)] } }
            return Tensor(points, shape: [manifold * manifold, 2])
        }
        if let interpolate {
            var generator = RandomGenerator(seed: seed)
            let ends = model.noise(count: 2 * interpolate, generator: &generator)
            let size = shape.reduce(1, *), values = ends.values
            var points: [Float] = []
            for row in 0..<interpolate {
                let start = values[(2 * row) * size..<(2 * row + 1) * size], end = values[(2 * row + 1) * size..<(2 * row + 2) * size]
                for step in 0..<columns {
                    let t = columns == 1 ? 0 : Float(step) / Float(columns - 1)
                    points += zip(start, end).map { $0 + t * ($1 - $0) }
                }
            }
            return Tensor(points, shape: [interpolate * columns] + shape)
        }
        guard let z else {
            var generator = RandomGenerator(seed: seed)
            return model.noise(count: count ?? 64, generator: &generator)
        }
        let file = try SafeTensors(contentsOf: URL(fileURLWithPath: z))
        guard let found = file.shape(FixedLatents.key), found.count == shape.count + 1, found[0] >= 1,
              Array(found.dropFirst()) == shape else {
            let what = file.shape(FixedLatents.key).map { "holds \"z\" of shape \($0)" } ?? "has no tensor \"z\""
            throw CommandFailure("\(z) \(what); expected shape [N, \(shape.map(String.init).joined(separator: ", "))] with N ≥ 1")
        }
        return try file.tensor(FixedLatents.key)
    }

    /// The standard normal distribution's quantile of `probability` in (0, 1), by bisection on its CDF.
    static func normalQuantile(_ probability: Double) -> Double {
        var low = -10.0, high = 10.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if 0.5 * (1 + erf(middle / 2.0.squareRoot())) < probability { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
