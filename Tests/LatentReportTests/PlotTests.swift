import LatentData
import Testing

@testable import LatentReport

@Test func smoothingMatchesTensorBoard() {
    let smoothed = LinePlot.smoothed([1, 2, .nan, 3], weight: 0.6)
    // Debiased moving average: 1, (0.24 + 0.8) / 0.64, NaN passed through, then the next finite value.
    #expect(abs(smoothed[0] - 1) < 1e-12)
    #expect(abs(smoothed[1] - 1.04 / 0.64) < 1e-12)
    #expect(smoothed[2].isNaN)
    #expect(abs(smoothed[3] - (0.6 * 1.04 + 1.2) / (1 - 0.216)) < 1e-12)
    #expect(LinePlot.smoothed([5, 7], weight: 0) == [5, 7])
}

@Test func lineSVGHoldsEverySeries() {
    let plot = LinePlot(title: "Losses <G & D>", series: [
        .init(name: "generator", values: [3, 2.5, 2, 1.8]),
        .init(name: "discriminator", steps: [0, 10, 20, 30], values: [0.7, 0.6, .infinity, 0.65]),
    ], yLabel: "loss")
    let svg = plot.svg()
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains(">generator</text>") && svg.contains(">discriminator</text>"))
    #expect(svg.contains("Losses &lt;G &amp; D&gt;"))
    // Raw and smoothed curves for each series; the infinite value breaks the second series in two.
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2 + 4 + tickAndAxisLines(svg) + 2)
    #expect(svg.contains("stroke=\"#1f77b4\"") && svg.contains("stroke=\"#ff7f0e\""))
}

/// The number of grid and axis polylines (drawn in the grid colour or black).
private func tickAndAxisLines(_ svg: String) -> Int {
    svg.components(separatedBy: "stroke=\"#e0e0e0\"").count - 1 + svg.components(separatedBy: "stroke=\"#000000\"").count - 1
}

@Test func ticksAreRoundNumbers() {
    let ticks = PlotFrame.ticks((0, 1000))
    #expect(ticks.values == [0, 200, 400, 600, 800, 1000])
    #expect(PlotFrame.label(0.30000000000000004, step: 0.1) == "0.3")
    #expect(PlotFrame.label(-2e-17, step: 0.1) == "0")
    #expect(PlotFrame.ticks((-0.05, 0.05)).values.count >= 4)
    #expect(PlotFrame.label(20_000, step: 20_000) == "20k" && PlotFrame.label(1_500_000, step: 500_000) == "1.5M")
    #expect(PlotFrame.label(12_000, step: 500) == "12000")
    #expect(PlotFrame.ticks((1, 3), wholeNumbers: true).values == [1, 2, 3])
    #expect(PlotFrame.ticks((1, 3)).values == [1, 1.5, 2, 2.5, 3])
}

@Test func plotsRasterizeToImagesOfTheRequestedSize() throws {
    let plot = LinePlot(title: "loss", series: [.init(name: "d", values: (0..<50).map { Double($0 % 7) })])
    let image = plot.image(width: 320, height: 200)
    #expect(image.width == 320 && image.height == 200 && image.channels == 3)
    // The first series' colour (tab:blue) is drawn somewhere, and the background is white.
    let pixels = stride(from: 0, to: image.pixels.count, by: 3).map { Array(image.pixels[$0..<$0 + 3]) }
    #expect(pixels.contains([0x1F, 0x77, 0xB4]))
    #expect(pixels[0] == [255, 255, 255])
    let decoded = try PNG.decode(try PNG.encode(image))
    #expect(decoded == image)
}

@Test func histogramPlotDrawsBars() {
    let real = Histogram(values: [0.9, 0.8, 0.95, 0.7] as [Double], bins: 10, range: 0...1)
    let fake = Histogram(values: [0.1, 0.2, 0.3, 1.5] as [Double], bins: 10, range: 0...1)
    #expect(fake.count == 3 && fake.counts.reduce(0, +) == 3)
    let svg = HistogramPlot(title: "D outputs", entries: [.init(name: "D(x)", histogram: real),
                                                          .init(name: "D(G(z))", histogram: fake)]).svg()
    #expect(svg.contains(">D(x)</text>") && svg.contains(">D(G(z))</text>"))
    // Bars in bins 7, 8 and 9 for D(x) and 1, 2 and 3 for D(G(z)); 1.5 lies outside the range.
    #expect(svg.components(separatedBy: "fill-opacity=\"0.5\"").count - 1 == 6)
}
