import Foundation
import LatentNN

/// `RUN/samples/z.safetensors`: the latent batch (tensor `z`) behind every sample grid of a run, drawn
/// once from the run's seed and read back on resume, so that grids of different epochs are comparable.
public enum FixedLatents {
    /// The file's path inside a run directory.
    public static let relativePath = "samples/z.safetensors"
    /// The name of the tensor in the file.
    public static let key = "z"

    /// The latents of the run in `run`: read from the file when it exists (it must hold `z` of shape
    /// `[count] + latentShape`), otherwise `count` vectors drawn by `draw` (standard normal ones unless
    /// given) with a generator of their own seeded from `seed`, then written to the file.
    public static func loadOrCreate(
        run: URL, count: Int, latentShape: [Int], seed: UInt64,
        draw: ((Int, inout RandomGenerator) -> Tensor)? = nil
    ) throws -> Tensor {
        let url = run.appendingPathComponent(relativePath)
        let shape = [count] + latentShape
        if FileManager.default.fileExists(atPath: url.path) {
            let file = try SafeTensors(contentsOf: url)
            guard file.shape(key) == shape else {
                let found = file.shape(key).map { "has shape \($0)" } ?? "has no tensor \"\(key)\""
                throw ReportError(file: url.path, "\(found); expected tensor \"\(key)\" of shape \(shape)")
            }
            return try file.tensor(key)
        }
        var generator = RandomGenerator(seed: seed ^ seedMix)
        let z = if let draw { draw(count, &generator) } else { Tensor.randn(shape, generator: &generator) }
        precondition(z.shape == shape, "FixedLatents: drew latents of shape \(z.shape), expected \(shape)")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw ReportError(file: url.deletingLastPathComponent().path, "cannot create the directory (\(error.localizedDescription))")
        }
        try SafeTensors.write([(key, z)], to: url)
        return z
    }

    /// Mixed into the run's seed, so that the grid's latents differ from the training noise.
    private static let seedMix: UInt64 = 0x7361_6D70_6C65_7A00
}
