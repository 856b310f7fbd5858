/// The report's sections that show the metrics, the images and the configuration.
extension ReportPage {
    /// The last value of every metric and the best value of each evaluation.
    var finalMetrics: String? {
        guard let metrics = contents.metrics else { return nil }
        let rows = MetricSummary.rows(metrics)
        guard !rows.isEmpty else { return nil }
        let body = rows.map { row in
            let best = row.best.map { best in
                let when = best.epoch.isFinite ? "epoch \(ReportFormat.number(best.epoch))"
                    : "step \(ReportFormat.number(best.step))"
                return "\(ReportFormat.number(best.value)) <small>(\(when))</small>"
            } ?? ""
            return "<tr><td><code>\(ReportFormat.escaped(row.key))</code></td>"
                + "<td class=\"number\">\(ReportFormat.number(row.last.value))</td>"
                + "<td class=\"number\">\(ReportFormat.number(row.last.step))</td>"
                + "<td class=\"number\">\(ReportFormat.number(row.last.epoch))</td>"
                + "<td class=\"number\">\(best)</td></tr>"
        }.joined(separator: "\n")
        return """
            <section>
            <h2>Final metrics</h2>
            <table>
            <thead><tr><th>Metric</th><th class="number">Last value</th><th class="number">Step</th>\
            <th class="number">Epoch</th><th class="number">Best evaluation</th></tr></thead>
            <tbody>
            \(body)
            </tbody>
            </table>
            </section>
            """
    }

    /// The training curves over steps and the evaluation curves over epochs.
    var curves: String? {
        guard !trainingPlots.isEmpty || !evaluationPlots.isEmpty else { return nil }
        var html = "<section>\n<h2>Metric curves</h2>\n"
        if !trainingPlots.isEmpty {
            html += "<h3>Training</h3>\n<p class=\"empty\">Faint: logged values; bold: smoothed as TensorBoard does "
                + "(weight 0.6).</p>\n" + Self.grid(trainingPlots, className: "plots")
        }
        if !evaluationPlots.isEmpty {
            html += "<h3>Evaluation</h3>\n" + Self.grid(evaluationPlots, className: "plots")
        }
        return html + "</section>"
    }

    /// Every saved sample grid, side by side in epoch order.
    var samples: String {
        guard !contents.samples.isEmpty else {
            return "<section>\n<h2>Samples</h2>\n<p class=\"empty\">No sample grids saved yet.</p>\n</section>"
        }
        return "<section>\n<h2>Samples</h2>\n\(Self.figures(contents.samples, alt: "Samples"))\n</section>"
    }

    /// The reconstruction grids of a model that also generates, side by side in epoch order; nil when it saved none.
    var reconstructions: String? {
        guard !contents.reconstructions.isEmpty else { return nil }
        return "<section>\n<h2>Reconstructions</h2>\n<p class=\"empty\">Rows of real images, each followed by its "
            + "reconstruction G(E(x)).</p>\n\(Self.figures(contents.reconstructions, alt: "Reconstructions"))\n</section>"
    }

    /// The first-layer weights drawn as images, one grid per saved epoch; nil for models that draw none.
    var filters: String? {
        guard !contents.filters.isEmpty else { return nil }
        return "<section>\n<h2>Filters</h2>\n\(Self.figures(contents.filters, alt: "First-layer filters"))\n</section>"
    }

    /// `grids` as figures captioned with their epochs, at least 360 pixels wide.
    private static func figures(_ grids: [SampleGridFile], alt: String) -> String {
        let figures = grids.map { grid in
            let scale = Swift.max(1, 360 / Swift.max(grid.width, 1))
            return "<figure><img src=\"\(ReportFormat.dataURI(grid.png, mediaType: "image/png"))\" "
                + "width=\"\(grid.width * scale)\" height=\"\(grid.height * scale)\" "
                + "alt=\"\(alt) after epoch \(grid.epoch)\"><figcaption>epoch \(grid.epoch)</figcaption></figure>"
        }.joined(separator: "\n")
        return "<div class=\"samples\">\n\(figures)\n</div>"
    }

    /// The histograms of D's outputs on real and generated images, one per saved epoch.
    var histograms: String? {
        guard !histogramPlots.isEmpty else { return nil }
        return "<section>\n<h2>Discriminator outputs</h2>\n" + Self.grid(histogramPlots, className: "plots small")
            + "</section>"
    }

    /// `config.yaml` as a table of settings, or as its text when it is not a list of `key: value` lines.
    var configuration: String {
        guard let configuration = contents.configuration else {
            return "<section>\n<h2>Configuration</h2>\n<p class=\"empty\">No config.yaml.</p>\n</section>"
        }
        let body: String
        if configuration.settings.isEmpty {
            body = "<pre>\(ReportFormat.escaped(configuration.text))</pre>"
        } else {
            body = "<table class=\"settings\">\n<tbody>\n" + configuration.settings.map {
                "<tr><th><code>\(ReportFormat.escaped($0.key))</code></th><td><code>\(ReportFormat.escaped($0.value))</code></td></tr>"
            }.joined(separator: "\n") + "\n</tbody>\n</table>"
        }
        return "<section>\n<h2>Configuration</h2>\n\(body)\n</section>"
    }

    /// The plots as captioned figures in a grid.
    private static func grid(_ plots: [RenderedPlot], className: String) -> String {
        let figures = plots.map { "<figure>\n\($0.svg)<figcaption>\(ReportFormat.escaped($0.caption))</figcaption></figure>" }
        return "<div class=\"\(className)\">\n\(figures.joined(separator: "\n"))\n</div>\n"
    }
}
