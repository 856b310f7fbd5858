import Foundation

/// Everything in a run directory that its report shows, read from the files of the run-directory contract.
///
/// Only a directory without both `config.yaml` and `metrics.jsonl` is an error; a file that cannot be read
/// (a broken sample PNG, a malformed histogram) is left out and described in `problems`.
struct RunContents {
    let directory: URL
    /// `config.yaml`, when present.
    let configuration: RunConfigurationText?
    /// `run.json`, when present and readable.
    let info: RunInfo?
    /// `metrics.jsonl`, when present.
    let metrics: MetricsHistory?
    /// The sample grids, by epoch.
    let samples: [SampleGridFile]
    /// The reconstruction grids of a model that also generates (real images beside G(E(x))), by epoch.
    let reconstructions: [SampleGridFile]
    /// The first-layer weights drawn as images (`filters/epoch-NNNN.png`), for models that draw them.
    let filters: [SampleGridFile]
    /// The histograms of D's outputs, by epoch.
    let histograms: [HistogramFile]
    /// The analyses made after training (`analyses/NAME/analysis.json`), by folder name, with their folders.
    let analyses: [(folder: URL, analysis: RunAnalysis)]
    /// One sentence per file that could not be read, naming it and saying why.
    let problems: [String]

    /// Reads the run in `directory`.
    init(reading directory: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ReportError(file: directory.path, "no such directory (expected a run directory written by `latent train`)")
        }
        let configURL = directory.appendingPathComponent("config.yaml")
        let metricsURL = directory.appendingPathComponent("metrics.jsonl")
        let manager = FileManager.default
        guard manager.fileExists(atPath: configURL.path) || manager.fileExists(atPath: metricsURL.path) else {
            throw ReportError(file: directory.path, "not a run directory: expected config.yaml or metrics.jsonl in it "
                              + "(written by `latent train`)")
        }
        var problems: [String] = []
        func attempt<Value>(_ read: () throws -> Value) -> Value? {
            do {
                return try read()
            } catch {
                problems.append(String(describing: error))
                return nil
            }
        }
        self.directory = directory
        configuration = manager.fileExists(atPath: configURL.path)
            ? attempt { RunConfigurationText(text: try Self.text(of: configURL)) } : nil
        let infoURL = directory.appendingPathComponent("run.json")
        info = manager.fileExists(atPath: infoURL.path)
            ? attempt { try RunInfo(data: Data(try Self.text(of: infoURL).utf8), file: infoURL.path) } : nil
        metrics = manager.fileExists(atPath: metricsURL.path) ? attempt { try MetricsHistory(contentsOf: metricsURL) } : nil
        samples = EpochFiles.list(in: directory.appendingPathComponent("samples"), fileExtension: "png").compactMap { file in
            attempt { try SampleGridFile(epoch: file.epoch, url: file.url) }
        }
        reconstructions = EpochFiles.list(in: directory.appendingPathComponent("samples/reconstructions"), fileExtension: "png")
            .compactMap { file in attempt { try SampleGridFile(epoch: file.epoch, url: file.url) } }
        filters = EpochFiles.list(in: directory.appendingPathComponent("filters"), fileExtension: "png").compactMap { file in
            attempt { try SampleGridFile(epoch: file.epoch, url: file.url) }
        }
        histograms = EpochFiles.list(in: directory.appendingPathComponent("histograms"), fileExtension: "json")
            .compactMap { file in attempt { try HistogramFile(epoch: file.epoch, url: file.url) } }
        let analysesFolder = directory.appendingPathComponent("analyses")
        let analysisFolders = ((try? manager.contentsOfDirectory(atPath: analysesFolder.path)) ?? []).sorted()
            .map { analysesFolder.appendingPathComponent($0) }
            .filter { manager.fileExists(atPath: $0.appendingPathComponent("analysis.json").path) }
        analyses = analysisFolders.compactMap { folder in attempt { (folder, try RunAnalysis.read(from: folder)) } }
        self.problems = problems
    }

    /// The UTF-8 text of the file at `url`.
    private static func text(of url: URL) throws -> String {
        do {
            return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        } catch {
            throw ReportError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
    }
}
