import Foundation
import LatentData
import LatentTensor

/// A look at what a trained run learned, made after training (`latent anomaly`, `latent embed`): a title,
/// figures worth stating and pictures, kept in `RUN/analyses/NAME/analysis.json` beside the pictures' files and
/// shown in the run's report.
public struct RunAnalysis: Codable, Sendable, Equatable {
    /// One named value, such as `AUROC` and `0.9731`.
    public struct Fact: Codable, Sendable, Equatable {
        /// What the value is, such as `AUROC`.
        public var name: String
        /// The value as the report shows it.
        public var value: String

        /// The fact that `name` is `value`.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A picture saved beside `analysis.json` (a PNG or SVG file) and its caption.
    public struct Figure: Codable, Sendable, Equatable {
        /// The file's name in the analysis's folder.
        public var file: String
        /// The line under the picture.
        public var caption: String

        /// The picture in `file`, captioned `caption`.
        public init(file: String, caption: String) {
            self.file = file
            self.caption = caption
        }
    }

    /// A table of text cells under a caption, such as a confusion matrix.
    public struct Table: Codable, Sendable, Equatable {
        /// The line above the table.
        public var caption: String
        /// The column headings; the first heads the rows' names.
        public var columns: [String]
        /// The rows, each a name followed by one cell per further column.
        public var rows: [[String]]

        /// The table captioned `caption` with `columns` headings and `rows`.
        public init(caption: String, columns: [String], rows: [[String]]) {
            self.caption = caption
            self.columns = columns
            self.rows = rows
        }
    }

    /// The heading the report shows it under.
    public var title: String
    /// The values measured, in order.
    public var facts: [Fact]
    /// The pictures, in order.
    public var figures: [Figure]
    /// The tables, in order (nil in analyses written before tables existed).
    public var tables: [Table]?

    /// The analysis titled `title` with `facts`, `figures` and `tables`.
    public init(title: String, facts: [Fact], figures: [Figure], tables: [Table]? = nil) {
        self.title = title
        self.facts = facts
        self.figures = figures
        self.tables = tables
    }

    /// The folder of the analysis called `name` in the run directory `run`: `run/analyses/name`.
    public static func folder(named name: String, in run: URL) -> URL {
        run.appendingPathComponent("analyses").appendingPathComponent(name)
    }

    /// Writes `analysis.json` into `folder` (which holds the figures' files), atomically.
    public func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self), to: folder.appendingPathComponent("analysis.json"))
    }

    /// The analysis in `folder/analysis.json`; throws naming the file when it cannot be read, is not an analysis,
    /// or names a figure outside its folder.
    static func read(from folder: URL) throws -> RunAnalysis {
        let file = folder.appendingPathComponent("analysis.json")
        let analysis: RunAnalysis
        do {
            analysis = try JSONDecoder().decode(RunAnalysis.self, from: Data(contentsOf: file))
        } catch {
            throw ReportError(file: file.path, "is not a readable analysis (\(error.localizedDescription))")
        }
        if let outside = analysis.figures.first(where: { $0.file.contains("/") || $0.file.hasPrefix(".") || $0.file.isEmpty }) {
            throw ReportError(file: file.path, "figure \"\(outside.file)\" is not a file name in the analysis's folder")
        }
        return analysis
    }
}
