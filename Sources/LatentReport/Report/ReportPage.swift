import Foundation

/// A plot drawn for the page: its SVG document and the caption under it.
struct RenderedPlot {
    let svg: String
    let caption: String
}

/// The HTML of a run's report: one self-contained page (styles, script, plots and images embedded).
struct ReportPage {
    let contents: RunContents
    let trainingPlots: [RenderedPlot]
    let evaluationPlots: [RenderedPlot]
    let histogramPlots: [RenderedPlot]
    /// When the report was written.
    let written: Date

    /// The page.
    var html: String {
        let title = ReportFormat.escaped(self.title)
        let sections = [overview, notes, finalMetrics, curves, samples, reconstructions, filters, histograms, analyses, configuration].compactMap { $0 }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Latent report</title>
            <style>
            \(ReportStyle.css)
            </style>
            <script>
            \(ReportStyle.script)
            </script>
            </head>
            <body>
            <main>
            <header>
            <h1>\(title)</h1>
            <p>Run <span class="path">\(ReportFormat.escaped(contents.directory.path))</span></p>
            </header>
            \(sections.joined(separator: "\n"))
            <footer>Written by Latent on \(ReportFormat.escaped(ISO8601DateFormatter().string(from: written)))</footer>
            </main>
            </body>
            </html>

            """
    }

    /// "MODEL on DATASET" from `run.json` or `config.yaml`, else the run directory's name.
    var title: String {
        let model = contents.info?.model ?? contents.configuration?.value(of: "model")
        let dataset = contents.info?.dataset ?? contents.configuration?.value(of: "dataset")
        guard let model else { return contents.directory.lastPathComponent }
        return dataset.map { "\(model) on \($0)" } ?? model
    }

    /// Status, training time, steps, epochs and times, as a row of small cards.
    private var overview: String {
        let info = contents.info
        let status = info?.status ?? "unknown"
        let statusClass = ["running", "finished", "stopped", "failed"].contains(status) ? " status-\(status)" : ""
        var cards = [("Status", "<span class=\"status\(statusClass)\">\(ReportFormat.escaped(status))</span>")]
        cards.append(("Training time", ReportFormat.escaped(trainingTime)))
        let steps = info?.steps.map(Double.init) ?? contents.metrics?.lastStep
        cards.append(("Steps", steps.map(ReportFormat.number) ?? "–"))
        let epochs = info?.epochs.map(Double.init) ?? contents.metrics?.lastEpoch
        let plannedEpochs = contents.configuration?.value(of: "epochs").map { " of " + ReportFormat.escaped($0) } ?? ""
        cards.append(("Epochs", (epochs.map(ReportFormat.number) ?? "–") + plannedEpochs))
        if let started = info?.started { cards.append(("Started", ReportFormat.escaped(started))) }
        if let finished = info?.finished { cards.append(("Finished", ReportFormat.escaped(finished))) }
        let list = cards.map { "<div><dt>\($0.0)</dt><dd>\($0.1)</dd></div>" }.joined(separator: "\n")
        let message = info?.message.map { "<p>\(ReportFormat.escaped($0))</p>\n" } ?? ""
        return "<section>\n<h2>Overview</h2>\n<dl class=\"overview\">\n\(list)\n</dl>\n\(message)</section>"
    }

    /// `run.json`'s seconds, else an estimate from the logged images per second and the batch size.
    private var trainingTime: String {
        if let seconds = contents.info?.seconds { return ReportFormat.duration(seconds) }
        if let metrics = contents.metrics, let batchSize = contents.configuration?.value(of: "batch_size").flatMap(Int.init),
           let seconds = MetricSummary.estimatedTrainingSeconds(metrics, batchSize: batchSize) {
            return "about " + ReportFormat.duration(seconds) + " (model updates, from images/s)"
        }
        return "–"
    }

    /// What the reader should know about missing or unreadable files, cut lines and resumes.
    private var notes: String? {
        var items: [String] = []
        if contents.info == nil { items.append("No readable run.json: the run's status and duration are not known.") }
        if let metrics = contents.metrics {
            if metrics.records == 0 { items.append("No metrics yet: metrics.jsonl holds no records.") }
            if metrics.lastLineCutShort {
                items.append("The last line of metrics.jsonl (line \(metrics.lastLine)) is cut short, as when a run "
                             + "is stopped while writing it; it is left out.")
            } else if !metrics.unreadableLines.isEmpty {
                let lines = metrics.unreadableLines.prefix(10).map(String.init).joined(separator: ", ")
                items.append("\(metrics.unreadableLines.count) lines of metrics.jsonl are not JSON objects and are "
                             + "left out (lines \(lines)\(metrics.unreadableLines.count > 10 ? ", …" : "")).")
            }
            for step in metrics.resumedAtSteps {
                items.append("Resumed from a checkpoint at step \(ReportFormat.number(step)) (marked in the curves).")
            }
        } else {
            items.append("No metrics yet: there is no metrics.jsonl.")
        }
        items += contents.problems
        guard !items.isEmpty else { return nil }
        let list = items.map { "<li>\(ReportFormat.escaped($0))</li>" }.joined(separator: "\n")
        return "<section class=\"notes\">\n<h2>Notes</h2>\n<ul>\n\(list)\n</ul>\n</section>"
    }
}
