import Foundation
import LatentData
import LatentModels
import LatentNN

/// Keeps the human-facing records of a `Trainer`'s run directory while it trains: `run.json`, sample
/// grids of the fixed latents `samples/z.safetensors` (`samples/epoch-NNNN.png`; for a class-conditional model
/// one row per class, see `ClassRows`), the discriminator's
/// output histograms of a GAN (`histograms/epoch-NNNN.json`), and a TensorBoard event file with every
/// logged scalar, the grids, and histograms of the D outputs and of every weight tensor.
///
/// It never draws from the training's random generators and looks at the models only in evaluation mode
/// (restoring their mode after), so a monitored run stays bit-identical to an unmonitored one:
///
/// ```swift
/// let monitor = try TrainingMonitor(trainer: trainer, sampleShape: [1, 28, 28], pixelRange: .minusOneToOne, resumed: false)
/// try trainer.train { record in try? monitor.record(record) }
/// try monitor.finish(.finished)
/// ```
public final class TrainingMonitor {
    /// How many latent vectors the fixed batch holds (an 8 × 8 grid).
    public static let gridCount = 64
    /// The most seconds between two writes of `run.json` while training.
    public static let statusInterval: Double = 10

    /// The trainer watched.
    public let trainer: Trainer
    /// The epochs that get a sample grid and histograms.
    public let schedule: SampleSchedule
    /// The TensorBoard event file of this session (each session of a run gets its own).
    public let events: EventWriter
    /// What `run.json` says, as last written.
    public private(set) var status: RunStatus

    private let sampleShape: [Int]
    private let pixelRange: PixelRange
    /// The fixed latents, when the model generates samples.
    private let latents: Tensor?
    /// The first batch of the first epoch, the real half of the D histograms, and its labels.
    private let realBatch: Tensor
    private let realLabels: [Int]
    private let secondsBefore: Double
    private let sessionStart = DispatchTime.now().uptimeNanoseconds
    private var lastStatusWrite = DispatchTime.now().uptimeNanoseconds
    private var lastSavedEpoch: Int?
    /// The level of a growing model the last step trained at.
    private var lastGrowthLevel: GrowthLevel?

    /// Starts watching `trainer`'s run: writes `run.json` as running (keeping the first start time and the
    /// seconds so far when `resumed`), reads or creates the fixed latents, opens a new event file and, when
    /// `resumed`, marks there that training restarts after the restored step. Samples are reshaped to
    /// `sampleShape` for the grids, whose pixel values span `pixelRange`. `module`, the module that defined the
    /// model (`ModelEntry.module`), and `labelBudget`, the labelled images a semi-supervised model learns from,
    /// are recorded in `run.json`.
    public init(
        trainer: Trainer, sampleShape: [Int], pixelRange: PixelRange, resumed: Bool, module: String? = nil,
        labelBudget: LabelBudget? = nil
    ) throws {
        self.trainer = trainer
        self.sampleShape = sampleShape
        self.pixelRange = pixelRange
        schedule = SampleSchedule(every: trainer.configuration.sampleEveryEpochs,
                                  lastEpoch: trainer.epoch(ofStep: trainer.totalSteps))
        let run = trainer.directory
        let previous = resumed ? try? RunStatus.read(run: run) : nil
        secondsBefore = previous?.seconds ?? 0
        let steps = trainer.completedSteps
        status = RunStatus(
            model: trainer.configuration.model, module: module, dataset: trainer.configuration.dataset, status: .running,
            started: previous?.started ?? RunStatus.now(), seconds: secondsBefore, steps: steps,
            epochs: trainer.epoch(ofStep: steps), labels: labelBudget)
        if let generating = trainer.model as? SampleGenerating {
            latents = try FixedLatents.loadOrCreate(
                run: run, count: Self.gridCount, latentShape: generating.latentShape, seed: trainer.configuration.seed,
                draw: { generating.noise(count: $0, generator: &$1) })
        } else {
            latents = nil
        }
        let first = trainer.data.batch(epoch: 0, index: 0)
        realBatch = first.inputs
        realLabels = first.labels
        try FileManager.default.createDirectory(at: run.appendingPathComponent("samples"), withIntermediateDirectories: true)
        events = try EventWriter(directory: run.path)
        if resumed { try events.addSessionStart(step: steps + 1) }
        lastGrowthLevel = (trainer.model as? Growing)?.growthLevel
        try status.write(run: run)
    }

    /// The path of the sample grid of `epoch` inside a run directory: `samples/epoch-0001.png`.
    public static func gridPath(epoch: Int) -> String {
        "samples/" + EpochFileName.name(epoch: epoch, extension: "png")
    }

    /// The path of the reconstruction grid of `epoch` of a model that also generates samples (a GAN with an
    /// encoder, a VAE): `samples/reconstructions/epoch-0001.png`, originals and reconstructions in alternating rows.
    public static func reconstructionGridPath(epoch: Int) -> String {
        "samples/reconstructions/" + EpochFileName.name(epoch: epoch, extension: "png")
    }

    /// The path of the translation grid `name` of `epoch` of a model that translates images (pix2pix, CycleGAN):
    /// `samples/a_to_b_to_a/epoch-0001.png`, up to 8 originals, their translations and so on in rows.
    public static func translationGridPath(_ name: String, epoch: Int) -> String {
        "samples/\(name)/" + EpochFileName.name(epoch: epoch, extension: "png")
    }

    /// Records a training step: its scalars to TensorBoard; after the last step of an epoch the schedule
    /// names, the grid and histograms; `run.json` after each epoch and every `statusInterval` seconds.
    public func record(_ step: StepRecord) throws {
        for (name, value) in step.numbers where value.isFinite {
            try events.addScalar(tag: name, value: value, step: step.step)
        }
        status.steps = step.step
        status.epochs = step.epoch
        let perEpoch = trainer.data.batchesPerEpoch
        let epochEnded = step.step % perEpoch == 0
        if epochEnded && schedule.includes(step.step / perEpoch) {
            try saveEpoch(step.step / perEpoch, step: step.step)
        }
        if epochEnded || Self.seconds(since: lastStatusWrite) >= Self.statusInterval {
            try writeStatus()
        }
        let level = (trainer.model as? Growing)?.growthLevel
        if let last = lastGrowthLevel, let level, level.resolution != last.resolution {
            try saveResolutionGrid(at: last, step: step.step)
        }
        lastGrowthLevel = level
    }

    /// Logs evaluation results of `step` (such as `val_loss`) as TensorBoard scalars.
    public func record(evaluation values: [String: Float], step: Int) throws {
        for (name, value) in values.sorted(by: { $0.key < $1.key }) where value.isFinite {
            try events.addScalar(tag: name, value: value, step: step)
        }
    }

    /// Ends the session with `state` and `message` in `run.json`. A finished run whose last step ends
    /// part-way through an epoch gets that epoch's grid and histograms first.
    public func finish(_ state: RunStatus.State, message: String? = nil) throws {
        let steps = trainer.completedSteps, perEpoch = trainer.data.batchesPerEpoch
        let epoch = trainer.epoch(ofStep: steps)
        if state == .finished && steps % perEpoch != 0 && lastSavedEpoch != epoch {
            try saveEpoch(epoch, step: steps)
        }
        if state == .finished, let level = lastGrowthLevel {
            try saveResolutionGrid(at: level, step: steps)
        }
        status.status = state
        status.steps = steps
        status.epochs = epoch
        status.finished = RunStatus.now()
        status.message = message
        try writeStatus()
        try events.flush()
    }

    /// Saves the sample grid (for a model that only reconstructs, such as an autoencoder: originals and
    /// their reconstructions in alternating rows; a model that also generates gets both grids; a translation
    /// model: its named grids of the first batch, such as sources, translations and targets), the D histograms (not for translations) and the weight histograms of `epoch`,
    /// logged at `step`.
    private func saveEpoch(_ epoch: Int, step: Int) throws {
        let run = trainer.directory
        try trainer.model.inEvaluationMode {
            if let reconstructing = trainer.model as? Reconstructing, reconstructing.reconstructs,
               let originals = images(realBatch.slice(axis: 0, range: 0..<min(Self.gridCount / 2, realBatch.shape[0]))) {
                let path = trainer.model is SampleGenerating ? Self.reconstructionGridPath(epoch: epoch) : Self.gridPath(epoch: epoch)
                try saveGrid(Self.alternatingRows(originals, reconstructing.reconstruct(originals).reshaped(originals.shape)),
                             step: step, tag: "reconstructions", path: path)
            }
            if let translating = trainer.model as? Translating, translating.translates {
                // A translation model's samples are translations of given images, the first batch's: noise grids
                // and D histograms would translate blank images.
                for grid in translating.translationGrids(realBatch.slice(axis: 0, range: 0..<min(8, realBatch.shape[0]))) {
                    try saveGrid(TranslationRows.grid(grid.rows), step: step, tag: grid.name,
                                 path: Self.translationGridPath(grid.name, epoch: epoch))
                }
                return
            }
            guard let latents, let generating = trainer.model as? SampleGenerating else { return }
            if let images = gridImages(of: generating, latents) {
                try saveGrid(images, step: step, tag: "samples", path: Self.gridPath(epoch: epoch))
            }
            if let adversarial = trainer.model as? any Adversarial {
                let samples = generating.generate(latents)
                // Translation models returned above: the batch holds samples of the generator's size.
                let real = realBatch.reshaped([realBatch.shape[0]] + Array(samples.shape.dropFirst()))
                let histograms = DiscriminatorHistograms(
                    epoch: epoch, real: adversarial.discriminate(real: real, labels: realLabels.isEmpty ? nil : realLabels).values,
                    fake: adversarial.discriminate(generated: samples, from: latents).values)
                try histograms.write(run: run)
                try events.addHistogram(tag: "discriminator/d_real", histogram: histograms.real, step: step)
                try events.addHistogram(tag: "discriminator/d_fake", histogram: histograms.fake, step: step)
            }
        }
        if let drawing = trainer.model as? FilterDrawing {
            try saveGrid(drawing.filterImages(count: Self.gridCount), step: step, tag: "filters",
                         path: "filters/" + EpochFileName.name(epoch: epoch, extension: "png"), range: .zeroToOne)
        }
        for (name, module) in trainer.model.modules {
            for parameter in module.namedParameters() {
                try events.addHistogram(tag: "weights/\(name)/\(parameter.name)", values: parameter.tensor, step: step)
            }
        }
        lastSavedEpoch = epoch
    }

    /// The path of the last sample grid a growing model made at `resolution` before it grew (at the end of
    /// training for the final one): `samples/resolution-032.png`.
    public static func resolutionGridPath(resolution: Int) -> String {
        String(format: "samples/resolution-%03d.png", resolution)
    }

    /// Saves the sample grid of a growing model held at `level`, logged at `step`.
    private func saveResolutionGrid(at level: GrowthLevel, step: Int) throws {
        guard let latents, let generating = trainer.model as? SampleGenerating, let growing = trainer.model as? Growing else { return }
        try trainer.model.inEvaluationMode {
            guard let images = growing.atGrowthLevel(level, { gridImages(of: generating, latents) }) else { return }
            try saveGrid(images, step: step, tag: "samples/resolution", path: Self.resolutionGridPath(resolution: level.resolution))
        }
    }

    /// The grid's samples of the fixed `latents` (one row per class for a class-conditional model) as images.
    private func gridImages(of generating: SampleGenerating, _ latents: Tensor) -> Tensor? {
        images(ClassRows.samples(of: generating, latents, columns: 8))
    }

    /// Writes `images` (in `range`, by default the model's pixel range) as a grid at `path` in the run and
    /// logs it to TensorBoard under `tag` at `step`.
    private func saveGrid(_ images: Tensor, step: Int, tag: String, path: String, range: PixelRange? = nil) throws {
        let grid = ImageGrid.make(images: images, range: range ?? pixelRange)
        let png = try PNG.encode(grid)
        let url = trainer.directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(Data(png), to: url)
        try events.addImage(tag: tag, png: png, width: grid.width, height: grid.height, channels: grid.channels, step: step)
    }

    /// `originals` and `reconstructions` in alternating rows of 8 (originals first), for an 8-column grid.
    static func alternatingRows(_ originals: Tensor, _ reconstructions: Tensor) -> Tensor {
        let count = originals.shape[0]
        let rows = stride(from: 0, to: count, by: 8).flatMap { start in
            let range = start..<min(start + 8, count)
            return [originals.slice(axis: 0, range: range), reconstructions.slice(axis: 0, range: range)]
        }
        return Tensor.concatenated(rows)
    }

    /// `samples` as a batch of images of `sampleShape`, or nil when samples are not images.
    private func images(_ samples: Tensor) -> Tensor? {
        guard sampleShape.count == 3, [1, 3].contains(sampleShape[0]),
              samples.shape.dropFirst().reduce(1, *) == sampleShape.reduce(1, *) else { return nil }
        return samples.reshaped([samples.shape[0]] + sampleShape)
    }

    private func writeStatus() throws {
        status.seconds = secondsBefore + Self.seconds(since: sessionStart)
        try status.write(run: trainer.directory)
        lastStatusWrite = DispatchTime.now().uptimeNanoseconds
    }

    private static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
