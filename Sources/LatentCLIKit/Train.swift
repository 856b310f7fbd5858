import ArgumentParser
import Foundation
import LatentData
import LatentModels
import LatentNN

/// `latent train MODEL`: trains a catalog model in a run directory, or resumes the run there.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model, or resume its run.",
        discussion: """
            Settings come from the flags, then the --config file, then the model's defaults (see `latent models \
            --details`). The run directory (--out, default runs/MODEL) receives config.yaml, run.json, metrics.jsonl, \
            checkpoints/, samples/ (the fixed latents z.safetensors and grids epoch-NNNN.png), histograms/ and a \
            TensorBoard event file.

            --resume reopens RUN/config.yaml and continues from RUN/checkpoints/latest exactly as if never \
            interrupted (without that link, from the newest complete step-N checkpoint); --epochs and --steps may be \
            raised, but model, dataset, direction, image size, batch size, seed, labels and threads must stay the same.

            Ctrl-C (SIGINT) or SIGTERM stops after the current step with a checkpoint and exits with 130 or 143; \
            a second one exits at once. A loss that is not finite, or a parameter, buffer or optimizer state that is \
            not (checked every 10 steps and at each checkpoint), stops the run with status 1, keeping the last good \
            state as the latest checkpoint.

            --distributed (implied when mpirun starts several ranks) trains one model data-parallel over the \
            ranks of an Open MPI launch: each rank takes its share of every --batch-size batch, gradients are averaged \
            before every optimizer step, and only rank 0 writes the run directory (docs/distributed.md).

            Limits: --threads 1...1024, --epochs 1...1000000, --batch-size 1...65536 (docs/cli.md lists them all).

            Examples:
              latent train dcgan-mnist --epochs 5 --threads 2 --out runs/dcgan-mnist
              latent train gan --steps 200 --lr generator=1e-4 --out runs/gan-short
              latent train dcgan-mnist --out runs/dcgan-mnist --resume --epochs 10
              latent train semi-gan --labels 100 --epochs 10 --out runs/semi-gan
              latent train pix2pix --dataset facades --direction BtoA --image-size 64 --option jitter=true --option flip=true
              mpirun -np 2 latent train dcgan-mnist --distributed --batch-size 64 --threads 1 --out runs/dcgan-dp
            """)

    @Argument(help: "The model to train (`latent models` lists them).")
    var model: String

    @Option(help: ArgumentHelp("A YAML file of settings, as config.yaml writes them; any may be left out.", valueName: "file"))
    var config: String?

    @Option(help: "The data set: \(DatasetCatalog.names.joined(separator: ", ")) (default: the model's; `latent data list` describes them).")
    var dataset: String?

    @Option(help: ArgumentHelp("The directory holding the data set's files (default: Data/DATASET, then the download cache).", valueName: "dir"))
    var dataDir: String?

    @Option(help: ArgumentHelp(
        "Train on the images of these classes alone, such as 3 or 1,7 (one-class anomaly detection); the held-out split is restricted the same way.",
        valueName: "classes"))
    var classes: String?

    @Option(help: ArgumentHelp(
        "Which image of a paired data set is the source: AtoB (default) or BtoA (paired, paired-folders, facades, edges2shoes).",
        valueName: "AtoB|BtoA"), transform: Self.direction)
    var direction: PairedImages.Direction?

    @Option(help: ArgumentHelp(
        "Resize every image to N×N pixels when loading (area averaging to shrink, bilinear to enlarge; 1...\(ImageDataset.maximumResizedSide)).",
        valueName: "N"))
    var imageSize: Int?

    @Option(help: ArgumentHelp(
        "Hold out the last N training images: train on the others and measure the model on these after each epoch, instead of on the test split.",
        valueName: "N"))
    var validationImages: Int?

    @Option(help: "Passes over the data set.")
    var epochs: Int?

    @Option(help: "The most optimizer steps in total (a short run), whatever --epochs says.")
    var steps: Int?

    @Option(help: "Samples per batch.")
    var batchSize: Int?

    @Option(help: "The seed of the initialization, noise and data order (default 0).")
    var seed: UInt64?

    @Option(help: "Labelled training images a semi-supervised model learns from, the same number per class, chosen with --seed (default: the model's; semi-gan 100); no other label is read.")
    var labels: Int?

    @Option(help: "Threads for the kernels (default: the processor count); resumed runs must keep it.")
    var threads: Int?

    @Option(help: ArgumentHelp("The run directory (default: runs/MODEL).", valueName: "dir"))
    var out: String?

    @Option(help: "Epochs between sample grids (grids also follow epochs 1, 10, 20, 50, 100 and the last; default 5).")
    var sampleEveryEpochs: Int?

    @Option(help: "Epochs between digit metrics of 10,000 samples (FID, KID, IS, precision/recall) against the test split (default: none).")
    var evalEveryEpochs: Int?

    @Option(help: "Steps between checkpoints (one is also written at the end or on interrupt; default 500).")
    var checkpointEverySteps: Int?

    @Option(help: "How many step checkpoints to keep (default 3).")
    var keepCheckpoints: Int?

    @Option(name: .customLong("lr"), help: ArgumentHelp(
        "An optimizer's learning rate, such as generator=1e-4 (repeatable).", valueName: "name=rate"))
    var learningRates: [Assignment] = []

    @Option(name: .customLong("option"), help: ArgumentHelp(
        "A model option, such as d_dropout=0.3 (repeatable; `latent models --details` lists them).",
        valueName: "name=value"))
    var options: [Assignment] = []

    @Flag(help: "Continue the run in the run directory from its latest checkpoint.")
    var resume = false

    @Flag(help: "After pretraining, fine-tune a classifier initialised with the weights, on the labels (dbn; --option fine_tune=true).")
    var fineTune = false
    @OptionGroup var distribution: DistributedFlags

    func run() throws {
        try CommandFailure.reporting(train)
    }

    /// The direction `text` names; throws listing the two there are.
    private static func direction(_ text: String) throws -> PairedImages.Direction {
        guard let direction = PairedImages.Direction(rawValue: text) else {
            throw ValidationError("--direction \(text): expected AtoB or BtoA")
        }
        return direction
    }

    private func train() throws {
        try distribution.start()
        defer { DataParallel.finish() }
        let entry = try ModelCatalog.entry(named: model)
        let run = URL(fileURLWithPath: out ?? "runs/\(model)")
        let resolved = try resolvedConfiguration(entry: entry, run: run)
        let dataset = try TrainingData.trainingDataset(resolved)
        let configuration = try dataset.images.map { try entry.adoptingDataShape(of: $0, configuration: resolved) } ?? resolved
        // Building the model once checks every option's value before the run directory is touched.
        _ = try entry.makeModel(configuration)
        let inputs = try TrainingData.inputs(for: entry, configuration: configuration, dataset: dataset)
        let session = TrainingSession(entry: entry, configuration: configuration, directory: run, resume: resume, inputs: inputs)
        let status = try session.run()
        if status != 0 { throw ExitCode(status) }
    }
}
