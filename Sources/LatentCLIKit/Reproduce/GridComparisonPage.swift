import Foundation
import LatentReport

/// A self-contained HTML page that sets runs' sample grids side by side, one row per epoch, with each
/// run's final figures and a link to its report underneath, after plots that compare the runs.
struct GridComparisonPage {
    /// One run: its name, its grid PNG by epoch, the figures shown under its column and the address of its
    /// report (relative to the page), if any.
    struct Column {
        let name: String
        let grids: [Int: Data]
        let figures: [(name: String, value: Double)]
        var report: String? = nil
    }

    let title: String
    /// The epochs shown, one row each; a run without a grid for an epoch shows a dash.
    let epochs: [Int]
    let columns: [Column]
    /// SVG documents shown above the grids.
    var plots: [String] = []

    /// The column of the run in `directory`: the grids `samples/epoch-NNNN.png` of `epochs` that exist, and a
    /// link to `report.html` in the folder `directory` is named by (the page is written beside the run folders).
    static func column(name: String, directory: URL, epochs: [Int], figures: [(name: String, value: Double)]) -> Column {
        var grids: [Int: Data] = [:]
        for epoch in epochs {
            let file = directory.appendingPathComponent("samples").appendingPathComponent(EpochFileName.name(epoch: epoch, extension: "png"))
            grids[epoch] = try? Data(contentsOf: file)
        }
        return Column(name: name, grids: grids, figures: figures, report: directory.lastPathComponent + "/report.html")
    }

    /// The page, with the grids embedded as data URLs.
    var html: String {
        let header = columns.map { "<th>\(Self.escaped($0.name))</th>" }.joined()
        var rows: [String] = []
        for epoch in epochs {
            let cells = columns.map { column in
                column.grids[epoch].map { "<td><img alt=\"epoch \(epoch)\" src=\"data:image/png;base64,\($0.base64EncodedString())\"></td>" }
                    ?? "<td>–</td>"
            }
            rows.append("<tr><th>epoch \(epoch)</th>\(cells.joined())</tr>")
        }
        let figureNames = columns.flatMap { $0.figures.map(\.name) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for figure in figureNames {
            let cells = columns.map { column in
                column.figures.first { $0.name == figure }.map { "<td>\(String(format: "%.4g", $0.value))</td>" } ?? "<td>–</td>"
            }
            rows.append("<tr><th>\(Self.escaped(figure))</th>\(cells.joined())</tr>")
        }
        if columns.contains(where: { $0.report != nil }) {
            let cells = columns.map { column in
                column.report.map { "<td><a href=\"\(Self.escaped($0))\">report</a></td>" } ?? "<td>–</td>"
            }
            rows.append("<tr><th>loss curves, D histograms</th>\(cells.joined())</tr>")
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>\(Self.escaped(title))</title>
            <style>body{font-family:sans-serif}td,th{padding:6px;text-align:center}img{width:280px;image-rendering:pixelated}</style>
            </head><body><h1>\(Self.escaped(title))</h1>
            \(plots.map { "<figure>\($0)</figure>" }.joined(separator: "\n"))
            <table><tr><th></th>\(header)</tr>
            \(rows.joined(separator: "\n"))
            </table></body></html>

            """
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
