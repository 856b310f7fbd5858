import Foundation
import LatentData
import LatentTensor

/// The report of a training run: `RUN/report.html`, one self-contained page, and its plots in `RUN/plots/`.
public enum RunReport {
    /// Size of the metric plots, in pixels.
    static let plotSize = (width: 640, height: 400)
    /// Size of the histogram plots, in pixels.
    static let histogramSize = (width: 480, height: 300)

    /// Reads the run directory `run` (`config.yaml`, `run.json`, `metrics.jsonl`, `samples/epoch-NNNN.png`,
    /// `histograms/epoch-NNNN.json`) and writes its plots to `run/plots/` as SVG and PNG and the report to
    /// `run/report.html`, all atomically; returns the report's URL.
    ///
    /// Works on a run in progress or a killed one: a cut-short last line of `metrics.jsonl` is left out, and
    /// files that cannot be read are named in the report's notes. Throws a `ReportError` when `run` is not a
    /// directory holding `config.yaml` or `metrics.jsonl`, and when a file cannot be written.
    @discardableResult
    public static func write(run: URL) throws -> URL {
        let contents = try RunContents(reading: run)
        let folder = run.appendingPathComponent("plots")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError(file: folder.path, "cannot create the plots folder (\(error.localizedDescription))")
        }
        let metrics = contents.metrics
        let training = try metrics.map { try RunPlots.training($0).map { try render($0, in: folder, size: plotSize) } } ?? []
        let evaluation = try metrics.map { try RunPlots.evaluation($0).map { try render($0, in: folder, size: plotSize) } }
            ?? []
        let histograms = try contents.histograms.map { file in
            let rendered = try render(RunPlots.histogram(file), in: folder, size: histogramSize)
            return RenderedPlot(svg: rendered.svg, caption: "epoch \(file.epoch)")
        }
        let page = ReportPage(contents: contents, trainingPlots: training, evaluationPlots: evaluation,
                              histogramPlots: histograms, written: Date())
        let report = run.appendingPathComponent("report.html")
        try AtomicFile.write(Data(page.html.utf8), to: report)
        return report
    }

    /// Draws `plot`, saves it as `folder/NAME.svg` and `folder/NAME.png`, and returns the SVG for the page.
    private static func render(_ plot: ReportPlot, in folder: URL, size: (width: Int, height: Int)) throws -> RenderedPlot {
        let drawing = plot.plot.drawing(width: size.width, height: size.height)
        let svg = SVGRenderer.render(drawing)
        try AtomicFile.write(Data(svg.utf8), to: folder.appendingPathComponent(plot.name + ".svg"))
        try PNG.write(RasterRenderer.render(drawing), to: folder.appendingPathComponent(plot.name + ".png").path)
        return RenderedPlot(svg: svg, caption: "plots/\(plot.name).svg")
    }
}
