import ArgumentParser
import Foundation
import LatentReport

/// `latent report RUN`: writes (or rewrites) a run's self-contained HTML report and its plots.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a run's report.html: configuration, metric curves, sample grids per epoch, D histograms.",
        discussion: "Works on finished, stopped and running runs; the report is one file with no external resources.")

    @Argument(help: "The run directory.")
    var directory: String

    func run() throws {
        let report = try RunReport.write(run: URL(fileURLWithPath: directory))
        Console.out("Report: \(report.path)")
    }
}
