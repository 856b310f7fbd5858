import ArgumentParser
import LatentModels
import LatentNN

extension StyleGrids.Band: ExpressibleByArgument {}

extension Sample {
    /// The most a truncation ψ may be away from 0.
    static let maximumTruncation: Float = 4

    /// Whether a flag of style-based models was given.
    var usesStyles: Bool { truncation != nil || styleMix || noiseGrid != nil }

    /// Checks the style flags' values and that they are not combined with flags that place other latents.
    func validateStyleFlags() throws {
        if let truncation, !(truncation.isFinite && abs(truncation) <= Self.maximumTruncation) {
            throw ValidationError("--truncation must be a number from −\(Self.maximumTruncation) to \(Self.maximumTruncation), got \(truncation)")
        }
        if styleMix {
            try FlagRange.check(columns, "--columns (with --style-mix)", in: 2...64)
            guard z == nil && count == nil && interpolate == nil && manifold == nil && noiseGrid == nil else {
                throw ValidationError("--style-mix draws its own latents; leave out --z, --count, --interpolate, --manifold and --noise-grid")
            }
        }
        if let noiseGrid {
            try FlagRange.check(noiseGrid, "--noise-grid", in: 1...Self.maximumCount)
            try FlagRange.checkProduct(("--noise-grid", noiseGrid), ("--columns", columns), atMost: Self.maximumCount)
            guard z == nil && count == nil && interpolate == nil && manifold == nil else {
                throw ValidationError("--noise-grid draws its own latents; leave out --z, --count, --interpolate and --manifold")
            }
        }
    }

    /// The samples the style flags ask of `trained`; throws when its model has no styles. Latents come from
    /// --seed as without the style flags, the noise inputs from a seed derived from it.
    func styleSamples(of trained: TrainedRun) throws -> Tensor {
        guard let styles = trained.generator.styleSampling else {
            throw CommandFailure(
                "model \(trained.entry.name) has no styles; --truncation, --style-mix and --noise-grid need a style-based generator such as stylegan")
        }
        let psi = truncation ?? 1
        var latentRandom = RandomGenerator(seed: seed)
        var noiseRandom = RandomGenerator(seed: ~seed)
        if styleMix {
            let z = trained.generator.noise(count: columns - 1, generator: &latentRandom)
            return StyleGrids.mixing(styles, z: z, band: mixStyles, psi: psi, random: &noiseRandom)
        }
        if let noiseGrid {
            let z = trained.generator.noise(count: noiseGrid, generator: &latentRandom)
            return StyleGrids.noiseResampling(styles, z: z, columns: columns, psi: psi, random: &noiseRandom)
        }
        return StyleGrids.truncated(styles, z: try latents(of: trained.generator), psi: psi, random: &noiseRandom)
    }
}
