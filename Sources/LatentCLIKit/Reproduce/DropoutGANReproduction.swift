import Foundation
import LatentMetrics
import LatentReport
import LatentTensor

/// The GAN-course dropout experiment: the MLP GAN on MNIST for 100 epochs with dropout 0.3 in the
/// discriminator and without, compared by their sample grids over training, their FID after every epoch
/// and their final FID; each run's report holds its loss curves and D histograms.
struct DropoutGANReproduction: Reproduction {
    let name = "dropout-gan"
    let summary = "MLP GAN on MNIST, 100 epochs, D dropout 0.3 against none: grids of epochs 10/20/50/100 side by side, FID per epoch, final FID of each (dropout ≤ none)"
    let epochs: Int? = 100
    /// The epochs whose grids the comparison page shows (those trained, and the last).
    static let gridEpochs = [10, 20, 50, 100]
    static let sampleCount = 10_000

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let epochs = context.epochs
        let runs = try [("dropout 0.3", "dropout", "0.3"), ("no dropout", "no-dropout", "0")].map { label, runName, rate in
            (label, try context.train("gan", runName: runName, epochs: epochs, options: ["d_dropout": rate]) { $0.evalEveryEpochs = 1 })
        }
        let evaluation = try DigitEvaluation(dataset: "mnist")
        let shown = Self.gridEpochs.filter { $0 < epochs } + [epochs]
        var fids: [Double] = [], columns: [GridComparisonPage.Column] = []
        for (label, run) in runs {
            let values = try evaluation.evaluate(run: run, count: Self.sampleCount, seed: context.seed, metrics: [.fid, .kid]).values
            let fid = values["eval_fid"] ?? .nan, kid = values["eval_kid"] ?? .nan
            fids.append(fid)
            columns.append(GridComparisonPage.column(
                name: label, directory: run, epochs: shown, figures: [("FID at epoch \(epochs)", fid), ("KID at epoch \(epochs)", kid)]))
        }
        let curves = try runs.map { label, run in
            let fid = try context.metrics(run).series["eval_fid"]
            return LinePlot.Series(name: label, steps: fid?.epochs ?? [], values: fid?.values ?? [])
        }
        let plot = LinePlot(title: "FID after each epoch (digit features, 10,000 samples)", series: curves, xLabel: "epoch",
                            yLabel: "FID", smoothing: 0, showsPoints: true)
        let page = GridComparisonPage(title: "MLP GAN on MNIST: dropout 0.3 in D against none", epochs: shown, columns: columns,
                                      plots: [plot.svg()])
        try AtomicFile.write(Data(page.html.utf8), to: context.directory.appendingPathComponent("comparison.html"))
        return ReproductionResult(
            name: name, main: .atMost("FID with dropout 0.3, at most the FID without (\(epochs) epochs)", fids[0], fids[1]),
            figures: ["fid_dropout": fids[0], "fid_no_dropout": fids[1]],
            source: "the GAN-course experiment with the Keras MNIST GAN (dropout in D against overfitting); "
                + "the comparison page is \(context.directory.appendingPathComponent("comparison.html").path)",
            seconds: Date().timeIntervalSince(start), runs: runs.map(\.1))
    }
}
