import LatentNN

/// The self-supervised tasks a GAN's discriminator can learn beside telling real from fake, from the
/// options `rotation` (SS-GAN, Chen et al. 2019), `contrastive` (after ContraD, Jeong & Shin 2021) and
/// `contrastive_flip`: the extra heads they put on the discriminator's features and their loss terms.
public struct SelfSupervision: Sendable {
    /// The factors of the rotation losses: α for the generator's, β for the discriminator's.
    public struct RotationWeights: Sendable, Equatable {
        public let generator: Float
        public let discriminator: Float

        /// The factor `generator` (α) of G's loss and `discriminator` (β) of D's.
        public init(generator: Float, discriminator: Float) {
            self.generator = generator
            self.discriminator = discriminator
        }
    }

    /// The factor and temperature of the contrastive loss.
    public struct ContrastiveSettings: Sendable, Equatable {
        public let weight: Float
        public let temperature: Float

        /// The factor `weight` (λ) and the `temperature` (τ).
        public init(weight: Float, temperature: Float) {
            self.weight = weight
            self.temperature = temperature
        }
    }

    /// The rotation task, nil without it.
    public var rotation: RotationWeights?
    /// The contrastive task, nil without it.
    public var contrastive: ContrastiveSettings?
    /// Whether the contrastive views are flipped left to right at random.
    public var contrastiveFlip = false
    /// The units of the contrastive projection's hidden layer and output.
    static let projectionSizes = (hidden: 512, output: 128)

    /// No self-supervised task.
    public init() {}

    /// The tasks `options` selects for samples of `sampleShape`; throws naming an option whose value is
    /// not allowed, or a task the samples do not fit (rotation needs square images, views need images).
    public init(_ options: ModelOptions, sampleShape: [Int]) throws {
        let model = options.model
        if let (alpha, beta) = try Self.pair(options, "rotation", expected: "α,β: G's weight α in 0...100 and D's β in (0, 100], the paper's 0.2,1",
                                             first: 0...100, second: 0...100, secondPositive: true) {
            guard sampleShape.count == 3, sampleShape[1] == sampleShape[2] else {
                throw TrainingError.invalidConfiguration(
                    "model \(model): option rotation needs square images [channels, size, size], but samples have shape \(sampleShape)")
            }
            rotation = RotationWeights(generator: alpha, discriminator: beta)
        }
        if let (weight, temperature) = try Self.pair(options, "contrastive", expected: "λ,τ: the loss's weight λ in (0, 100] and temperature τ in (0, 10], such as 1,0.1",
                                                     first: 0...100, second: 0...10, firstPositive: true, secondPositive: true) {
            guard sampleShape.count == 3 else {
                throw TrainingError.invalidConfiguration(
                    "model \(model): option contrastive needs images [channels, height, width], but samples have shape \(sampleShape)")
            }
            contrastive = ContrastiveSettings(weight: weight, temperature: temperature)
        }
        contrastiveFlip = try options.boolean("contrastive_flip")
    }

    /// The options of the tasks, for every GAN entry.
    public static let modelOptions = [
        ModelOption("rotation", default: "none", "SS-GAN rotation task α,β: D's 4-way rotation head learns β·CE on real images turned 0/90/180/270°, G adds α·CE on its turned samples; none or e.g. 0.2,1 (Chen et al. 2019)"),
        ModelOption("contrastive", default: "none", "contrastive discriminator λ,τ: λ·NT-Xent at temperature τ on a projection of D's features, two views of each real image, fakes as extra negatives; none or e.g. 1,0.1 (after Jeong & Shin 2021)"),
        ModelOption("contrastive_flip", default: "false", "mirror half the contrastive views left to right (for data where a mirror image is the same thing; not digits)"),
    ]

    /// Whether any task is selected.
    public var isActive: Bool { rotation != nil || contrastive != nil }

    /// `discriminator` with the heads of the selected tasks on its `featureCount` features (initialized
    /// from `GlobalRandom`).
    public func discriminator<Sample: AdversarialSample>(wrapping discriminator: any Discriminating<Sample>, featureCount: Int) -> HeadedDiscriminator<Sample> {
        var heads: [(name: HeadName, layer: any Layer)] = []
        if rotation != nil { heads.append((.rotation, Linear(featureCount, 4))) }
        if contrastive != nil {
            let sizes = Self.projectionSizes
            heads.append((.projection, Sequential([Linear(featureCount, sizes.hidden), ReLU(), Linear(sizes.hidden, sizes.output)])))
        }
        return HeadedDiscriminator(discriminator, extraHeads: heads)
    }

    /// The loss terms of the selected tasks for each player, on images of `sampleShape`.
    public func terms<Sample: AdversarialSample>(sampleShape: [Int]) -> (discriminator: [any Term<Sample>], generator: [any Term<Sample>]) {
        var discriminatorTerms: [any Term<Sample>] = [], generatorTerms: [any Term<Sample>] = []
        if let rotation {
            discriminatorTerms.append(RotationLoss<Sample>(side: .real, weight: rotation.discriminator, imageShape: sampleShape))
            if rotation.generator > 0 {
                generatorTerms.append(RotationLoss<Sample>(side: .fake, weight: rotation.generator, imageShape: sampleShape))
            }
        }
        if let contrastive {
            discriminatorTerms.append(ContrastiveLoss<Sample>(
                weight: contrastive.weight, temperature: contrastive.temperature,
                views: ContrastiveViews(imageShape: sampleShape, flips: contrastiveFlip)))
        }
        return (discriminatorTerms, generatorTerms)
    }

    /// The option `name` as `none` (nil) or two comma-separated numbers in `first` and `second`, each
    /// also above 0 when marked positive; throws naming the option, its value and `expected`.
    private static func pair(
        _ options: ModelOptions, _ name: String, expected: String, first: ClosedRange<Float>, second: ClosedRange<Float>,
        firstPositive: Bool = false, secondPositive: Bool = false
    ) throws -> (Float, Float)? {
        let text = try options.value(name)
        guard text != "none" else { return nil }
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Float($0.filter { !$0.isWhitespace }) }
        guard numbers.count == 2, let a = numbers[0], let b = numbers[1], a.isFinite, b.isFinite,
              first.contains(a), second.contains(b), !firstPositive || a > 0, !secondPositive || b > 0 else {
            throw TrainingError.invalidConfiguration("model \(options.model): option \(name) is \"\(text)\"; expected none or \(expected)")
        }
        return (a, b)
    }
}
