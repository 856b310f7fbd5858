import Foundation
import LatentData
import LatentTestSupport
import Testing

@testable import LatentReport

// Analyses made after training (`RUN/analyses/NAME/analysis.json`) in the report: facts, pictures embedded as
// images, and analyses that cannot be shown named in the notes.

@Test func analysesAppearWithTheirFactsAndPictures() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    try SyntheticRun.writeVAE(to: run)
    let folder = RunAnalysis.folder(named: "anomaly-elbo-normal-3", in: run)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try PNG.write(Image(width: 4, height: 2, channels: 1, value: 200), to: folder.appendingPathComponent("highest.png").path)
    try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
        .write(to: folder.appendingPathComponent("histogram.svg"))
    let analysis = RunAnalysis(title: "Anomaly <detection>", facts: [.init("AUROC", "0.9731")], figures: [
        .init(file: "histogram.svg", caption: "scores"), .init(file: "highest.png", caption: "most anomalous"),
        .init(file: "missing.png", caption: "gone"),
    ])
    try analysis.write(to: folder)
    #expect(try RunAnalysis.read(from: folder) == analysis)

    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("<h2>Analyses</h2>") && html.contains("<h3>Anomaly &lt;detection&gt;</h3>"))
    #expect(html.contains("<tr><th>AUROC</th><td class=\"number\">0.9731</td></tr>"))
    // The SVG is an image, never inline markup: its script cannot run.
    #expect(html.contains("data:image/svg+xml;base64,") && !html.contains("<script>alert(1)</script>"))
    #expect(html.contains("data:image/png;base64,") && html.contains("most anomalous"))
    #expect(html.contains("missing.png cannot be read."))
}

@Test func anAnalysisNamingAFileOutsideItsFolderIsANoteNotAPicture() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    try SyntheticRun.writeVAE(to: run)
    let folder = RunAnalysis.folder(named: "bad", in: run)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try RunAnalysis(title: "Bad", facts: [], figures: [.init(file: "../../config.yaml", caption: "x")]).write(to: folder)
    let broken = RunAnalysis.folder(named: "broken", in: run)
    try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
    try Data("{\"title\": 3".utf8).write(to: broken.appendingPathComponent("analysis.json"))
    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("figure &quot;../../config.yaml&quot; is not a file name in the analysis&#39;s folder"))
    #expect(html.contains("broken/analysis.json: is not a readable analysis"))
    #expect(!html.contains("<h2>Analyses</h2>"))
}

@Test func analysisTablesAppearWithTheirCaptionHeadingsAndRows() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    try SyntheticRun.writeVAE(to: run)
    let folder = RunAnalysis.folder(named: "clusters", in: run)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let table = RunAnalysis.Table(caption: "clusters × <classes>", columns: ["cluster", "0", "1"], rows: [["4 → 0", "97", "3"]])
    let analysis = RunAnalysis(title: "Clusters", facts: [], figures: [], tables: [table])
    try analysis.write(to: folder)
    #expect(try RunAnalysis.read(from: folder) == analysis)
    // An analysis written before tables existed still reads, without tables.
    let older = RunAnalysis.folder(named: "older", in: run)
    try FileManager.default.createDirectory(at: older, withIntermediateDirectories: true)
    try Data("{\"title\": \"Older\", \"facts\": [], \"figures\": []}".utf8).write(to: older.appendingPathComponent("analysis.json"))
    #expect(try RunAnalysis.read(from: older).tables == nil)

    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("<caption>clusters × &lt;classes&gt;</caption>"))
    #expect(html.contains("<thead><tr><th>cluster</th><th class=\"number\">0</th><th class=\"number\">1</th></tr></thead>"))
    #expect(html.contains("<tr><th>4 → 0</th><td class=\"number\">97</td><td class=\"number\">3</td></tr>"))
    #expect(html.contains("<h3>Older</h3>"))
}
