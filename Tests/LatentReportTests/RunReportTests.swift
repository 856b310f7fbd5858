import Foundation
import LatentData
import LatentTestSupport
import Testing

@testable import LatentReport

@Test func ganReportEmbedsSamplesPlotsAndNotes() throws {
    let run = try makeTemporaryDirectory().appendingPathComponent("run")
    let grids = try SyntheticRun.writeGAN(to: run)
    let report = try RunReport.write(run: run)
    #expect(report == run.appendingPathComponent("report.html"))
    let html = try String(contentsOf: report, encoding: .utf8)

    #expect(html.contains("<h1>dcgan-mnist on mnist</h1>"))
    #expect(html.contains("status-finished") && html.contains("1 h 02 min"))
    for (epoch, png) in grids {
        #expect(html.contains("src=\"data:image/png;base64,\(png.base64EncodedString())\""))
        #expect(html.contains("<figcaption>epoch \(epoch)</figcaption>"))
    }
    let plots = ["losses", "discriminator-outputs", "discriminator-accuracy", "learning-rates", "images-per-second",
                 "evaluation-eval_fid", "evaluation-eval_kid", "evaluation-eval_is", "evaluation-precision-recall",
                 "d-histogram-epoch-0003"]
    for name in plots {
        let svg = try String(contentsOf: run.appendingPathComponent("plots/\(name).svg"), encoding: .utf8)
        #expect(html.contains(svg), "report lacks the inline plots/\(name).svg")
        #expect(!svg.lowercased().contains("nan"), "plots/\(name).svg has a non-finite coordinate")
        let png = try PNG.read(run.appendingPathComponent("plots/\(name).png").path)
        #expect(png.width > 0)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("plots").path)
    #expect(files.count == 2 * plots.count, "unexpected plots: \(files.sorted())")
    // The resume is marked in the step curves and noted; the cut-short line 35 is left out and noted.
    let losses = try String(contentsOf: run.appendingPathComponent("plots/losses.svg"), encoding: .utf8)
    #expect(losses.contains(">resumed</text>"))
    #expect(html.contains("Resumed from a checkpoint at step 20"))
    #expect(html.contains("The last line of metrics.jsonl (line 35) is cut short"))
    // Last values and the best FID (epoch 2, not the last evaluation).
    #expect(html.contains("<td><code>eval_fid</code></td><td class=\"number\">55.75</td><td class=\"number\">30</td>"))
    #expect(html.contains("40.5 <small>(epoch 2)</small>"))
    #expect(html.contains("<td><code>loss_g</code></td><td class=\"number\">1.3</td>"))
    #expect(html.contains("<th><code>learning_rates.generator</code></th><td><code>0.0002</code></td>"))
    // Self-contained: nothing is fetched from elsewhere.
    #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1
        == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
    #expect(!html.contains("https://") && !html.contains("<link"))
}

@Test func vaeReportEstimatesTimeFromThroughput() throws {
    let run = try makeTemporaryDirectory()
    try SyntheticRun.writeVAE(to: run)
    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("<h1>vae-mnist on mnist</h1>"))
    // 20 steps of 100 images at 50 images/s.
    #expect(html.contains("about 40.0 s"))
    #expect(html.contains("No readable run.json"))
    #expect(html.contains("<td><code>test_loss</code></td><td class=\"number\">140.2</td>"))
    #expect(html.contains("130.5 <small>(epoch 1)</small>"))
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: run.appendingPathComponent("plots").path))
    #expect(files == ["losses.svg", "losses.png", "learning-rates.svg", "learning-rates.png", "images-per-second.svg",
                      "images-per-second.png", "evaluation-test_loss.svg", "evaluation-test_loss.png"])
    #expect(html.contains("No sample grids saved yet."))
}

@Test func runWithoutMetricsSaysSo() throws {
    let run = try makeTemporaryDirectory()
    try SyntheticRun.write("model: dcgan-mnist\ndataset: mnist\n", to: run, "config.yaml")
    var html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("No metrics yet: there is no metrics.jsonl."))
    try SyntheticRun.write("", to: run, "metrics.jsonl")
    html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("No metrics yet: metrics.jsonl holds no records."))
    #expect(!html.contains("<svg"))
}

@Test func directoryThatIsNotARunIsAnError() throws {
    let directory = try makeTemporaryDirectory()
    expectError(containing: [directory.path, "not a run directory", "config.yaml or metrics.jsonl"]) {
        try RunReport.write(run: directory)
    }
    let missing = directory.appendingPathComponent("absent")
    expectError(containing: [missing.path, "no such directory"]) { try RunReport.write(run: missing) }
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.html").path))
}

@Test func configValuesAreEscaped() throws {
    let run = try makeTemporaryDirectory()
    try SyntheticRun.writeGAN(to: run, configExtra: "note: <script>alert(\"x\") & 'y'</script>")
    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"))
    #expect(!html.contains("<script>alert"))
    // The page's only script is its own image check.
    #expect(html.components(separatedBy: "<script>").count - 1 == 1)
}

@Test func unreadableFilesAreNotedNotFatal() throws {
    let run = try makeTemporaryDirectory()
    try SyntheticRun.writeGAN(to: run)
    try SyntheticRun.write("not a png", to: run, "samples/epoch-0002.png")
    try SyntheticRun.write("{\"d_real\":{\"edges\":[0,1],\"counts\":[1,2]}}", to: run, "histograms/epoch-0004.json")
    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("samples/epoch-0002.png: not a readable PNG file"))
    #expect(html.contains("histograms/epoch-0004.json: &quot;d_real&quot; has 2 edges and 2 counts"))
    #expect(html.contains("<figcaption>epoch 3</figcaption>"))
}

@Test func brokenLinesInTheMiddleAreCounted() {
    let text = "{\"step\":1,\"loss\":2}\n{oops\n\n{\"step\":2,\"loss\":null}\n{\"step\":3,\"loss\":1}\n"
    let history = MetricsHistory(data: Data(text.utf8))
    #expect(history.records == 3 && history.unreadableLines == [2] && !history.lastLineCutShort)
    #expect(history["loss"].steps == [1, 2, 3])
    #expect(history["loss"].values[1].isNaN && history["loss"].last?.value == 1)
}

/// Writes the GAN run's report where `.ci/run` checks it in Chromium (`LATENT_REPORT_FIXTURE_DIR`), or in a
/// temporary directory, and checks that the page carries the image check that the browser script reads.
@Test func reportForBrowserCheck() throws {
    let base = try ProcessInfo.processInfo.environment["LATENT_REPORT_FIXTURE_DIR"].map { URL(fileURLWithPath: $0) }
        ?? makeTemporaryDirectory()
    let run = base.appendingPathComponent("run")
    try? FileManager.default.removeItem(at: run)
    try SyntheticRun.writeGAN(to: run)
    let html = try String(contentsOf: try RunReport.write(run: run), encoding: .utf8)
    #expect(html.contains("data-images-loaded") && html.components(separatedBy: "<img ").count - 1 == 2)
}
