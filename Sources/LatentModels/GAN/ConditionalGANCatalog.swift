import LatentNN

/// The label-conditioned GANs of the model catalog, on DCGAN-MNIST-sized nets: `cgan` (Mirza & Osindero
/// 2014, with the projection discriminator of Miyato & Koyama 2018 as an option) and `acgan` (Odena et al.
/// 2017). Both take the options of `GANOptions`, `embedding_size` and `spectral_norm`.
enum ConditionalGANCatalog {
    static let entries: [ModelEntry] = [cgan, acgan]

    /// The classes of MNIST.
    static let classCount = 10

    private static let sharedOptions = [
        ModelOption("embedding_size", default: "10", "length of G's learned label embedding, concatenated to the 100 noise values"),
        ModelOption("spectral_norm", default: "false", "spectral norm on every convolution and linear layer of D, no batch norm (Miyato et al. 2018)"),
    ]

    /// What an entry adds to the standard game: its discriminator and the extra terms of each player.
    private typealias Parts = (discriminator: any Discriminating<LabelledImages>, terms: (discriminator: [any Term<LabelledImages>], generator: [any Term<LabelledImages>]))

    /// An entry on 28×28 digits with non-saturating loss and Adam(2e-4, β 0.5, 0.999); `parts` builds D and
    /// the extra terms from the settings and whether spectral norm is on.
    private static func entry(
        name: String, summary: String, details: String, extraOptions: [ModelOption] = [],
        parts: @escaping @Sendable (ModelSettings, Bool) throws -> Parts
    ) -> ModelEntry {
        ModelEntry(
            name: name, summary: summary, details: details, sampleShape: [1, 28, 28], scaling: .minusOneToOne,
            defaultEpochs: 5, defaultBatchSize: 64, defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4],
            options: GANOptions.modelOptions() + sharedOptions + extraOptions
        ) { settings in
            let embeddingSize = try settings.options.integer("embedding_size", in: 1...1024)
            let builder = GANBuilder(
                sampleShape: [1, 28, 28], latentShape: [DCGANMNIST.latentSize], objective: NonSaturatingObjective(),
                optimizer: .adam(0.5, 0.999),
                generator: { ConditionalGenerator(classCount: classCount, embeddingSize: embeddingSize) })
            let parts = try parts(settings, try settings.options.boolean("spectral_norm"))
            return try builder.build(
                settings, discriminator: parts.discriminator, sides: LabelledSides(classCount: classCount), extraTerms: parts.terms)
        }
    }

    static let cgan = entry(
        name: "cgan",
        summary: "Conditional GAN: DCGAN-MNIST nets, G and D read the digit's class; projection D as an option",
        details: "Mirza & Osindero 2014 on the DCGAN-MNIST nets: G concatenates a learned 10-value label embedding to z, "
            + "D reads a learned 28×28 label map as a second input channel; projection=true uses the projection "
            + "discriminator of Miyato & Koyama 2018 (score = linear(φ(x)) + ⟨embed(y), φ(x)⟩). Non-saturating loss, Adam(2e-4, β 0.5).",
        extraOptions: [ModelOption("projection", default: "false", "projection discriminator: linear(φ(x)) + ⟨embed(y), φ(x)⟩ instead of a label map channel (Miyato & Koyama 2018)")]
    ) { settings, spectralNorm in
        (ConditionalDiscriminator(classCount: classCount, projection: try settings.options.boolean("projection"), spectralNorm: spectralNorm),
         ([], []))
    }

    static let acgan = entry(
        name: "acgan",
        summary: "AC-GAN: DCGAN-MNIST nets, G reads the class, D has a source head and a 10-class head",
        details: "Odena et al. 2017: D's loss adds the class cross-entropy on real samples to the source loss, G's adds "
            + "the class cross-entropy of its samples for the requested classes; G concatenates a learned label embedding to z. "
            + "Non-saturating source loss, Adam(2e-4, β 0.5) as in the paper. The paper also trains D's class head on the fake "
            + "samples' requested classes (d_fake_class_loss=true); that is off by default, since on MNIST after 3 epochs it let "
            + "the class head agree with G's wrong digits (60% class accuracy, against 97% without).",
        extraOptions: [ModelOption("d_fake_class_loss", default: "false", "D's class head also learns the fake samples' requested classes, as in the paper (default: real labels only)")]
    ) { settings, spectralNorm in
        let learnsFakeClasses = try settings.options.boolean("d_fake_class_loss")
        return (AuxiliaryClassifierDiscriminator(classCount: classCount, spectralNorm: spectralNorm),
                ([DiscriminatorClassLoss(learnsFakeClasses: learnsFakeClasses)], [GeneratorClassLoss()]))
    }
}
