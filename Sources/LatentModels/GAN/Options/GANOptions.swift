import LatentNN

/// The training tricks any GAN can use, read from its model options (`--option name=value`).
public struct GANOptions: Sendable {
    /// Discriminator updates per generator update (`n_critic`). Each `step` is one discriminator
    /// update, and the generator is updated on every `criticSteps`-th one.
    public var criticSteps = 1
    /// One-sided label smoothing s: real samples aim at 1 − s instead of 1 (`label_smoothing`).
    public var labelSmoothing: Float = 0
    /// The starting standard deviation of the Gaussian instance noise added to every input of the
    /// discriminator (`instance_noise`).
    public var instanceNoise: Float = 0
    /// The discriminator updates over which the instance noise falls linearly to 0 (`instance_noise_steps`).
    public var instanceNoiseSteps = 10_000
    /// Penalties added to the discriminator's loss (`gradient_penalty`, `r1_gamma`).
    public var regularizers: [any DiscriminatorRegularizer] = []
    /// Whether the generator matches the mean of the discriminator's intermediate features on real
    /// samples instead of minimizing the objective's loss (`feature_matching`).
    public var featureMatching = false
    /// Optimizer steps of the discriminator unrolled into the generator's loss (`unrolled_steps`).
    public var unrolledSteps = 0
    /// The bound c of the discriminator's weights after each update, [−c, c] (`weight_clip`).
    public var weightClip: Float?
    /// The largest combined norm of each network's gradients (`grad_clip`).
    public var gradientClip: Float?
    /// The decay of the moving average of the generator's weights used for samples (`g_ema`).
    public var generatorAverageDecay: Float?
    /// The differentiable augmentations applied to the discriminator's real and fake inputs (`diff_augment`).
    public var augmentation: DiffAugment?

    /// No tricks: one discriminator update per generator update and nothing else.
    public init() {}

    /// The tricks `options` selects for a GAN with `objective` on samples of `sampleShape`; throws naming
    /// an option whose value is not allowed, or a trick that does not fit (label smoothing needs an
    /// objective with targets, augmentation needs images).
    public init(_ options: ModelOptions, objective: any GANObjective, sampleShape: [Int]) throws {
        criticSteps = try options.integer("n_critic", in: 1...100)
        labelSmoothing = try options.float("label_smoothing", in: 0...0.5)
        instanceNoise = try options.float("instance_noise", in: 0...10)
        instanceNoiseSteps = try options.integer("instance_noise_steps", in: 1...Int(Int32.max))
        let lambda = try options.float("gradient_penalty", in: 0...1000)
        if lambda > 0 { regularizers.append(GradientPenalty(weight: lambda)) }
        let gamma = try options.float("r1_gamma", in: 0...1000)
        if gamma > 0 { regularizers.append(R1Penalty(gamma: gamma)) }
        featureMatching = try options.boolean("feature_matching")
        unrolledSteps = try options.integer("unrolled_steps", in: 0...20)
        weightClip = Self.positive(try options.float("weight_clip", in: 0...100))
        gradientClip = Self.positive(try options.float("grad_clip", in: 0...1_000_000))
        generatorAverageDecay = Self.positive(try options.float("g_ema", in: 0...0.99999))
        augmentation = try DiffAugment(policy: try options.value("diff_augment"), imageShape: sampleShape, model: options.model)
        if labelSmoothing > 0 && !objective.hasRealTarget {
            throw TrainingError.invalidConfiguration(
                "model \(options.model): label_smoothing needs an objective with targets; \(objective.name) has none")
        }
    }

    /// The options every GAN entry declares, with the entry's own `defaults` (by option name) in place of
    /// the usual ones.
    public static func modelOptions(defaults: [String: String] = [:]) -> [ModelOption] {
        let options = [
            ModelOption("n_critic", default: "1", "discriminator updates per generator update; each training step is one D update, G is updated every n-th (Arjovsky et al. 2017)"),
            ModelOption("label_smoothing", default: "0", "one-sided label smoothing s: real targets 1 − s, 0.1 gives 0.9 (Salimans et al. 2016)"),
            ModelOption("instance_noise", default: "0", "σ of Gaussian noise added to D's real and fake inputs, annealed linearly to 0 (Sønderby et al. 2017)"),
            ModelOption("instance_noise_steps", default: "10000", "D updates over which the instance noise falls to 0"),
            ModelOption("gradient_penalty", default: "0", "WGAN-GP penalty weight λ on random interpolates, 0 for none (Gulrajani et al. 2017)"),
            ModelOption("r1_gamma", default: "0", "R1 penalty γ/2·E‖∇D(x)‖² on real samples, 0 for none (Mescheder et al. 2018)"),
            ModelOption("feature_matching", default: "false", "G matches the mean of D's last hidden features on real data (Salimans et al. 2016)"),
            ModelOption("unrolled_steps", default: "0", "D steps (plain SGD at D's rate) unrolled and differentiated through in G's loss (Metz et al. 2017)"),
            ModelOption("weight_clip", default: "0", "clip D's weights to [−c, c] after each update, 0 for none (Arjovsky et al. 2017)"),
            ModelOption("grad_clip", default: "0", "clip each network's gradient norm to this value, 0 for none (Pascanu et al. 2013)"),
            ModelOption("g_ema", default: "0", "decay of a moving average of G's weights used for samples, with batch-norm statistics re-estimated for it; 0 for none (Karras et al. 2018)"),
            ModelOption("diff_augment", default: "none", "differentiable augmentation of D's inputs: none or a comma list of translation, cutout, color (Zhao et al. 2020)"),
        ] + SelfSupervision.modelOptions
        return options.map { option in
            defaults[option.name].map { ModelOption(option.name, default: $0, option.summary) } ?? option
        }
    }

    /// The standard deviation of the instance noise after `updates` discriminator updates.
    public func instanceNoiseLevel(after updates: Int) -> Float {
        instanceNoise * Swift.max(0, 1 - Float(updates) / Float(instanceNoiseSteps))
    }

    private static func positive(_ value: Float) -> Float? { value > 0 ? value : nil }
}
