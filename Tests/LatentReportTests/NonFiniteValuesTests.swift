import Foundation
import LatentData
import LatentTensor
import LatentTestSupport
import Testing

@testable import LatentReport

// Histograms, plots, grids and reports of runs whose weights or outputs overflowed: NaN, ±infinity and values near
// Double's largest must be left out or drawn, never trap (issue 14, defect 0).

@Test func histogramLeavesOutAndCountsNonFiniteValues() {
    let histogram = Histogram(values: [Float.nan, .infinity, -.infinity, 0.25, 0.75], bins: 2)
    #expect(histogram.count == 2 && histogram.nonFiniteCount == 3)
    #expect(histogram.counts == [1, 1])
    #expect(histogram.edges == [0.25, 0.5, 0.75])
    #expect(histogram.min == 0.25 && histogram.max == 0.75 && histogram.sum == 1)
}

@Test func histogramSpanningTheWholeDoubleRangeKeepsFiniteEdges() {
    let largest = Double.greatestFiniteMagnitude
    let histogram = Histogram(values: [-largest, 0, largest], bins: 4)
    #expect(histogram.edges.allSatisfy { $0.isFinite })
    #expect(histogram.edges.first == -largest && histogram.edges.last == largest)
    #expect(zip(histogram.edges, histogram.edges.dropFirst()).allSatisfy { $0 < $1 })
    // 0 is the right edge of bin 1, so it belongs to bin 2.
    #expect(histogram.counts == [1, 0, 1, 1])
    #expect(histogram.count == 3 && histogram.nonFiniteCount == 0)
}

@Test func histogramOfOneHugeValueAndOfAnInfiniteRangeStaysFinite() {
    let one = Histogram(values: [Double.greatestFiniteMagnitude], bins: 3)
    #expect(one.edges.allSatisfy(\.isFinite) && one.counts.reduce(0, +) == 1)
    // A bound that is not finite falls back to the values' own range.
    let open = Histogram(values: [1.0, 2, 3], bins: 2, range: -Double.infinity...Double.infinity)
    #expect(open.edges == [1, 2, 3] && open.counts == [1, 2])
}

@Test func discriminatorHistogramsRecordHowManyOutputsWereNotFinite() throws {
    let histograms = DiscriminatorHistograms(epoch: 1, real: [0.5, .nan], fake: [.infinity, -.infinity, 0.25])
    #expect(histograms.real.nonFiniteCount == 1 && histograms.fake.nonFiniteCount == 2)
    let object = try #require(try JSONSerialization.jsonObject(with: histograms.json) as? [String: Any])
    #expect((object["d_fake"] as? [String: Any])?["non_finite"] as? Int == 2)

    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    try histograms.write(run: run)
    let file = try HistogramFile(epoch: 1, url: run.appendingPathComponent(DiscriminatorHistograms.relativePath(epoch: 1)))
    #expect(file.entries.map(\.legendName) == ["D(x) (1 not finite)", "D(G(z)) (2 not finite)"])
    let svg = HistogramPlot(title: "D", entries: file.entries).svg()
    #expect(svg.contains("D(G(z)) (2 not finite)"))
}

@Test func plotsOfHugeAndNonFiniteValuesRender() {
    let largest = Double.greatestFiniteMagnitude
    let line = LinePlot(title: "overflow", series: [
        .init(name: "loss", steps: [1, 2, 3, 4], values: [-largest, largest, .nan, .infinity]),
    ], yLabel: "loss")
    #expect(line.image(width: 200, height: 120).pixels.count == 200 * 120 * 3)
    let scatter = ScatterPlot(title: "points", series: [
        .init(name: "samples", points: [(x: largest, y: -largest), (x: .nan, y: 0), (x: 0, y: .infinity)]),
    ])
    #expect(scatter.svg(width: 100, height: 100).hasPrefix("<svg"))
    let histogram = HistogramPlot(title: "weights", entries: [
        .init(name: "w", histogram: Histogram(values: [-largest, largest, .nan], bins: 5)),
    ])
    #expect(RasterRenderer.render(histogram.drawing(width: 160, height: 100)).width == 160)
}

@Test func gridsOfNonFiniteSamplesAreBlackAndWhite() {
    let images = Tensor([Float.nan, .infinity, -.infinity, 0.5], shape: [1, 1, 2, 2])
    let grid = ImageGrid.make(images: images, padding: 0)
    #expect(grid.pixels == [0, 255, 0, 128])
}
