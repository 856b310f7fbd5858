import LatentNN

/// The resolution a growing GAN trains at, and how far its newest layers are faded in (`alpha` 1: fully).
public struct GrowthLevel: Equatable, Sendable {
    /// The side of the images the networks make and read at this level.
    public let resolution: Int
    /// The weight of the newest layers' output against the upsampled (G) or downsampled (D) output of the
    /// previous resolution, rising linearly from 0 to 1 over a transition.
    public let alpha: Float
}

/// ProGAN's growth schedule (Karras et al. 2018): from 4×4, each resolution trains for `trainingImages`
/// images, then the next (double) resolution fades in over `transitionImages` images, until
/// `finalResolution`, which trains from then on. The level depends only on the number of images shown.
public struct GrowthSchedule: Sendable, Equatable {
    /// The first resolution.
    public static let startResolution = 4
    /// The last resolution, a power of two ≥ 4.
    public let finalResolution: Int
    /// Images shown at each resolution with its layers fully faded in, before the next one starts
    /// (`lod_training_kimg` × 1000).
    public let trainingImages: Int
    /// Images over which a new resolution fades in (`lod_transition_kimg` × 1000).
    public let transitionImages: Int

    /// A schedule to `finalResolution`; throws unless it is a power of two ≥ 4 and a phase shows some images.
    public init(finalResolution: Int, trainingImages: Int, transitionImages: Int) throws {
        guard finalResolution >= Self.startResolution, finalResolution & (finalResolution - 1) == 0 else {
            throw TrainingError.invalidConfiguration("a growing GAN needs a final resolution that is a power of two ≥ 4, got \(finalResolution)")
        }
        guard trainingImages >= 0, transitionImages >= 0, trainingImages.addingReportingOverflow(transitionImages).partialValue > 0 else {
            throw TrainingError.invalidConfiguration(
                "lod_training_kimg and lod_transition_kimg must be ≥ 0 with a positive sum, got \(trainingImages) and \(transitionImages) images")
        }
        self.finalResolution = finalResolution
        self.trainingImages = trainingImages
        self.transitionImages = transitionImages
    }

    /// How many resolutions the networks have: 4×4 and each doubling to `finalResolution`.
    public var resolutionCount: Int { finalResolution.trailingZeroBitCount - 1 }

    /// The level after `imagesShown` images: stable at 4×4, fading in 8×8, stable at 8×8, … as the
    /// official implementation's level of detail.
    public func level(imagesShown: Int) -> GrowthLevel {
        let phaseLength = trainingImages + transitionImages
        let phase = max(imagesShown, 0) / phaseLength
        guard phase < resolutionCount - 1 else { return GrowthLevel(resolution: finalResolution, alpha: 1) }
        let resolution = Self.startResolution << phase
        let withinPhase = max(imagesShown, 0) - phase * phaseLength
        guard withinPhase >= trainingImages else { return GrowthLevel(resolution: resolution, alpha: 1) }
        return GrowthLevel(resolution: 2 * resolution, alpha: Float(withinPhase - trainingImages) / Float(transitionImages))
    }
}

/// Where a growing GAN's networks read their level from: the schedule, applied to the images shown so
/// far, counted from an optimizer's step (checkpointed state), so that a resumed run continues mid-phase
/// exactly where it stopped.
public final class GrowthClock {
    /// The schedule followed.
    public let schedule: GrowthSchedule
    private var count: () -> Int = { 0 }
    private var heldLevel: GrowthLevel?

    /// A clock at 0 images until it follows a count.
    public init(schedule: GrowthSchedule) {
        self.schedule = schedule
    }

    /// Counts `imagesPerStep` images for each of `optimizer`'s steps from now on.
    public func follow(_ optimizer: any Optimizer, imagesPerStep: Int) {
        precondition(imagesPerStep > 0, "GrowthClock: imagesPerStep must be positive, got \(imagesPerStep)")
        follow {
            let (images, overflow) = optimizer.step.multipliedReportingOverflow(by: imagesPerStep)
            return overflow ? Int.max : images
        }
    }

    /// Reads the images shown from `imagesShown` from now on.
    public func follow(_ imagesShown: @escaping () -> Int) {
        count = imagesShown
    }

    /// The images shown so far.
    public var imagesShown: Int { count() }

    /// The current level: the held one inside `holding(_:_:)`, otherwise the schedule's after the images shown.
    public var level: GrowthLevel { heldLevel ?? schedule.level(imagesShown: imagesShown) }

    /// `body`'s result with the level held at `level`.
    public func holding<R>(_ level: GrowthLevel, _ body: () throws -> R) rethrows -> R {
        let previous = heldLevel
        heldLevel = level
        defer { heldLevel = previous }
        return try body()
    }
}
