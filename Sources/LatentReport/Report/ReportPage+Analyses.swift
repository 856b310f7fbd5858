import Foundation
import LatentData

extension ReportPage {
    /// The analyses made after training: each one's facts as a table and its pictures; a picture that cannot
    /// be read is named instead.
    var analyses: String? {
        guard !contents.analyses.isEmpty else { return nil }
        let parts = contents.analyses.map { folder, analysis in
            let facts = analysis.facts.map {
                "<tr><th>\(ReportFormat.escaped($0.name))</th><td class=\"number\">\(ReportFormat.escaped($0.value))</td></tr>"
            }.joined(separator: "\n")
            let figures = analysis.figures.map { figure in
                "<figure>\n\(Self.picture(folder.appendingPathComponent(figure.file)))"
                    + "<figcaption>\(ReportFormat.escaped(figure.caption))</figcaption></figure>"
            }.joined(separator: "\n")
            return "<h3>\(ReportFormat.escaped(analysis.title))</h3>\n<table class=\"settings\">\n<tbody>\n\(facts)\n</tbody>\n</table>\n"
                + (analysis.tables ?? []).map(Self.table).joined() + "<div class=\"plots\">\n\(figures)\n</div>\n"
        }
        return "<section>\n<h2>Analyses</h2>\n" + parts.joined(separator: "\n") + "</section>"
    }

    /// `table` as HTML: its caption, a heading row, and rows whose first cell names the row.
    private static func table(_ table: RunAnalysis.Table) -> String {
        let heading = table.columns.enumerated().map { index, name in
            "<th\(index == 0 ? "" : " class=\"number\"")>\(ReportFormat.escaped(name))</th>"
        }.joined()
        let rows = table.rows.map { cells in
            "<tr>" + cells.enumerated().map { index, cell in
                index == 0 ? "<th>\(ReportFormat.escaped(cell))</th>" : "<td class=\"number\">\(ReportFormat.escaped(cell))</td>"
            }.joined() + "</tr>"
        }.joined(separator: "\n")
        return "<table>\n<caption>\(ReportFormat.escaped(table.caption))</caption>\n<thead><tr>\(heading)</tr></thead>\n"
            + "<tbody>\n\(rows)\n</tbody>\n</table>\n"
    }

    /// The picture in `file` as HTML: an image with the file's bytes embedded (an SVG as an image, so that
    /// nothing in it runs), or a note naming a file that cannot be read or is neither PNG nor SVG.
    private static func picture(_ file: URL) -> String {
        guard let data = try? Data(contentsOf: file) else {
            return "<p class=\"empty\">\(ReportFormat.escaped(file.path)) cannot be read.</p>\n"
        }
        let alt = ReportFormat.escaped(file.lastPathComponent)
        if file.pathExtension.lowercased() == "svg" {
            return "<img src=\"\(ReportFormat.dataURI(data, mediaType: "image/svg+xml"))\" alt=\"\(alt)\">\n"
        }
        guard let image = try? PNG.decode([UInt8](data), name: file.path) else {
            return "<p class=\"empty\">\(ReportFormat.escaped(file.path)) is not a PNG or SVG picture.</p>\n"
        }
        let scale = Swift.max(1, 360 / Swift.max(image.width, 1))
        return "<img src=\"\(ReportFormat.dataURI(data, mediaType: "image/png"))\" width=\"\(image.width * scale)\" "
            + "height=\"\(image.height * scale)\" alt=\"\(alt)\">\n"
    }
}
