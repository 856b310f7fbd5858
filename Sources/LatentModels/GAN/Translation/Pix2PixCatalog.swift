import LatentNN

/// pix2pix (Isola et al. 2017) in the model catalog: paired image-to-image translation on the one game,
/// the U-Net generator reading each batch's sources, the PatchGAN discriminator judging (source, image) pairs.
enum Pix2PixCatalog {
    static let entries: [ModelEntry] = [pix2pix]

    /// The pairs it trains on by default: grey 32×32 source beside grey 32×32 target (`mnist-edges`); a run on
    /// other data takes the data's channels and size (a power of 2 from 32, for the U-Net's halvings to 1×1).
    static let pairShape = PairShape(defaults: (source: 1, target: 1, size: 32), sizeRule: "a power of 2 from 32") {
        UNetGenerator.numDowns(forSize: $0) != nil
    }

    static let pix2pix = ModelEntry(
        name: "pix2pix",
        summary: "pix2pix: U-Net G(A) with dropout noise, PatchGAN D on (A, B) pairs, cGAN + λ·L1, on grey or RGB pairs (32×32 by default)",
        details: "Isola et al. 2017: a U-Net generator (5 halvings to 1×1 at 32 px, skips between mirrored levels, dropout 0.5 "
            + "as noise in the 8·ngf levels above the innermost when there are any, kept on at sampling) translates the source A, "
            + "the first channel of each pair; a PatchGAN discriminator (n_layers stride-2 4×4 convolutions; 70×70 patches with 3 at "
            + "256 px) scores patches of (A, B) against (A, G(A)) with the cross-entropy on logits; G also minimizes λ·mean|G(A) − B| "
            + "(logged as loss_g_l1). Adam(2e-4, β 0.5, 0.999), weights from N(0, 0.02). Data: pairs [A, B] side by side on the "
            + "channel axis (mnist-edges: edge map, digit; paired, paired-folders, facades, edges2shoes: A, B or, with --direction BtoA, "
            + "B, A), grey or RGB, of the data's size (input_nc, output_nc and crop_size record it). jitter=true and flip=true "
            + "augment the pairs as the paper does. l1_only=true trains G on the L1 term alone, the paper's L1 baseline "
            + "(D still trains, unused). The epoch grids show source | translation | target rows for the first training batch.",
        sampleShape: [2, 32, 32], dataShape: pairShape, augmentsPairs: true, scaling: .minusOneToOne, defaultDataset: "mnist-edges", defaultEpochs: 10, defaultBatchSize: 64,
        defaultLearningRates: ["generator": 2e-4, "discriminator": 2e-4],
        options: GANOptions.modelOptions() + [
            ModelOption("lambda_l1", default: "100", "weight λ of the L1 term |G(A) − B|"),
            ModelOption("l1_only", default: "false", "true: G minimizes the L1 term alone (no cGAN term), the paper's baseline"),
            ModelOption("norm", default: "batch", "normalization of G and D: batch or instance"),
            ModelOption("ngf", default: "64", "filters of G's outermost level"),
            ModelOption("ndf", default: "64", "filters of D's first layer"),
            ModelOption("n_layers", default: "3", "stride-2 layers of the PatchGAN D (receptive field 16, 34, 70, 142, 286 px for 1 to 5)"),
            ModelOption("dropout", default: "true", "dropout noise in G (kept on at sampling, as the paper)"),
        ]
    ) { settings in
        let options = settings.options
        let norm = TranslationNorm(rawValue: try options.choice("norm", of: TranslationNorm.allCases.map(\.rawValue)))!
        let ngf = try options.integer("ngf", in: 1...1024), ndf = try options.integer("ndf", in: 1...1024)
        let nLayers = try options.integer("n_layers", in: 1...4)
        let dropout = try options.boolean("dropout")
        let l1 = PairL1Loss(weight: try options.float("lambda_l1", in: 0...1e6))
        let (sourceChannels, targetChannels, size) = try pairShape.values(options)
        let sourceShape = [sourceChannels, size, size], targetShape = [targetChannels, size, size]
        let discriminator = PairDiscriminator(
            PatchGAN.discriminator(inputChannels: sourceChannels + targetChannels, ndf: ndf, nLayers: nLayers, norm: norm)
                .initializedForTranslation())
        let builder = GANBuilder(
            sampleShape: targetShape, latentShape: sourceShape, objective: NonSaturatingObjective(), optimizer: .adam(0.5, 0.999),
            generator: {
                UNetGenerator(inputChannels: sourceShape[0], outputChannels: targetShape[0], numDowns: UNetGenerator.numDowns(forSize: size)!,
                              ngf: ngf, norm: norm, dropout: dropout).initializedForTranslation()
            })
        var extras = GANBuilder.Extras<ImagePair>()
        extras.prior = SourceImagePrior(sourceShape: sourceShape)
        if try options.boolean("l1_only") { extras.generatorObjective = l1 }
        extras.translation = { generator, batch in
            let pair = PairedSides(sourceChannels: sourceShape[0]).real(batch, labels: nil)
            return [(name: "translations", rows: [pair.sources, generator(Latent(noise: pair.sources)), pair.images])]
        }
        return try builder.build(settings, discriminator: discriminator, sides: PairedSides(sourceChannels: sourceShape[0]),
                                 extraTerms: ([], extras.generatorObjective == nil ? [l1] : []), extras: extras)
    }
}
