import LatentNN

/// InfoGAN in the model catalog (Chen et al. 2016, their MNIST setup): noise plus latent codes into the
/// DCGAN-MNIST generator, a discriminator whose trunk Q shares, and the information loss on both sides.
enum InfoGANCatalog {
    static let entries: [ModelEntry] = [infogan]

    static let options = [
        ModelOption("noise_size", default: "62", "standard normal noise values beside the codes (the paper's 62 for MNIST)"),
        ModelOption("categorical", default: "10", "values of each categorical code, comma-separated (10,10 for two codes), or none"),
        ModelOption("continuous", default: "2", "continuous codes drawn from U(−1, 1)"),
        ModelOption("lambda_categorical", default: "1", "weight of the categorical codes' cross-entropy (λ of the paper)"),
        ModelOption("lambda_continuous", default: "1", "weight of the continuous codes' Gaussian negative log-likelihood"),
        ModelOption("learned_std", default: "false", "Q learns the continuous codes' log standard deviations (otherwise fixed at 1)"),
    ]

    /// The largest sizes the options accept: beyond them a run is a typo, not an experiment.
    static let limits = (noise: 4096, codes: 16, values: 1000, continuous: 64)

    static let infogan = ModelEntry(
        name: "infogan",
        summary: "InfoGAN: DCGAN-MNIST nets, 62 noise values + one 10-valued categorical and 2 U(−1, 1) codes, Q on D's trunk",
        details: "Chen et al. 2016 (MNIST setup): G reads noise and codes; Q shares D's convolutional trunk and guesses the codes "
            + "(categorical logits, continuous means and optionally learned log std); both sides add λ_cat·CE + λ_cont·NLL on G's "
            + "samples (λ 1), D's side training the trunk and Q, G's side training G. Adam(β1 0.5) at 2e-4 for D and 1e-3 for G. "
            + "Logs mi_categorical and mi_continuous; latent cluster --layer q_categorical clusters by Q's first categorical code.",
        sampleShape: [1, 28, 28], scaling: .minusOneToOne, defaultEpochs: 5, defaultBatchSize: 64,
        defaultLearningRates: ["generator": 1e-3, "discriminator": 2e-4],
        options: GANOptions.modelOptions() + options
    ) { settings in
        let prior = try prior(settings.options)
        let weights = (try settings.options.float("lambda_categorical", in: 0...1000), try settings.options.float("lambda_continuous", in: 0...1000))
        let discriminator = InfoGANDiscriminator(prior: prior, learnsStandardDeviation: try settings.options.boolean("learned_std"))
        let builder = GANBuilder(
            sampleShape: [1, 28, 28], latentShape: [prior.width], objective: NonSaturatingObjective(), optimizer: .adam(0.5, 0.999),
            generator: { DCGANMNIST.initialized(DCGANMNIST.generator(latentSize: prior.width)) })
        let loss = { (key: String, logsBounds: Bool) in
            InformationLoss(prior: prior, categoricalWeight: weights.0, continuousWeight: weights.1, key: key, logsBounds: logsBounds)
        }
        return try builder.build(
            settings, discriminator: discriminator, sides: InfoGANSides(prior: prior),
            extraTerms: ([loss("loss_d_info", false)], [loss("loss_g_info", true)]),
            extras: .init(prior: prior, representations: representations(of: discriminator)))
    }

    /// The prior the options describe; throws naming an option whose value is out of range.
    static func prior(_ options: ModelOptions) throws -> InfoGANPrior {
        let noiseSize = try options.integer("noise_size", in: 0...limits.noise)
        let continuous = try options.integer("continuous", in: 0...limits.continuous)
        let text = try options.value("categorical")
        let categorical: [Int]
        if text == "none" {
            categorical = []
        } else {
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...limits.codes).contains(values.count), values.allSatisfy({ $0.map { (2...limits.values).contains($0) } ?? false }) else {
                throw TrainingError.invalidConfiguration(
                    "model \(options.model): option categorical is \"\(text)\"; expected none or 1 to \(limits.codes) comma-separated "
                        + "whole numbers in 2...\(limits.values) (values per categorical code)")
            }
            categorical = values.compactMap { $0 }
        }
        guard !categorical.isEmpty || continuous > 0 else {
            throw TrainingError.invalidConfiguration("model \(options.model): categorical=none and continuous=0 leave no codes; give at least one")
        }
        return InfoGANPrior(noiseSize: noiseSize, categorical: categorical, continuous: continuous)
    }

    /// Q's first categorical code's logits (`q_categorical`, when there is such a code) and Q's hidden
    /// features (`q_features`) on real images, beside the game's `discriminator` (the shared trunk's features).
    static func representations(of discriminator: InfoGANDiscriminator) -> [Representation] {
        let hidden = Representation(name: "q_features", summary: "Q's hidden features (128) on the discriminator's trunk") { x in
            discriminator.inEvaluationMode { discriminator.qFeatures(x) }
        }
        guard !discriminator.prior.categorical.isEmpty else { return [hidden] }
        let logits = Representation(
            name: "q_categorical", kind: .clusterLogits,
            summary: "Q's logits of the first categorical code (\(discriminator.prior.categorical[0]) values): the argmax is the cluster"
        ) { x in
            discriminator.inEvaluationMode { discriminator.heads(CodedSample(images: x, codes: nil))[.categoricalLogits(0)] }
        }
        return [logits, hidden]
    }
}
