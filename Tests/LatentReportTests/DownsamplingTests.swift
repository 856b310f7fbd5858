import Testing

@testable import LatentReport

@Test func downsamplingKeepsSpikesAndBreaks() {
    var values = (0..<10_000).map { Double($0 % 10) / 10 }
    values[5_003] = 100
    for index in 8_000..<8_050 { values[index] = .nan }
    let steps = values.indices.map(Double.init)
    let thinned = Downsampling.minMax(steps: steps, values: values, maxPoints: 200)
    #expect(thinned.values.count <= 200 && thinned.values.count == thinned.steps.count)
    // The spike survives at its own step; a run of 100 points that is half NaN keeps its finite extremes.
    #expect(zip(thinned.steps, thinned.values).contains { $0 == (5_003, 100) })
    #expect(thinned.values.filter(\.isFinite).min() == 0 && thinned.steps == thinned.steps.sorted())
    #expect(!thinned.values.contains { $0.isNaN })
    // Two runs of three points: the first, all NaN, becomes one NaN (a break in the curve).
    let broken = Downsampling.minMax(steps: [0, 1, 2, 3, 4, 5], values: [.nan, .nan, .nan, 1, 3, 2], maxPoints: 4)
    #expect(broken.steps == [0, 3, 4] && broken.values[0].isNaN && Array(broken.values.dropFirst()) == [1, 3])
    #expect(Downsampling.minMax(steps: [0, 1], values: [3, 4], maxPoints: 2) == ([0, 1], [3, 4]))
}

@Test func smoothedCurvesAreThinnedToMeans() {
    let thinned = Downsampling.means(steps: [1, 2, 3, 4, 5, 6], values: [1, 3, .nan, .nan, 5, .infinity], maxPoints: 3)
    #expect(thinned.steps == [1.5, 3, 5] && thinned.values[0] == 2 && thinned.values[1].isNaN && thinned.values[2] == 5)
    #expect(Downsampling.means(steps: [0, 1], values: [3, 4], maxPoints: 2) == ([0, 1], [3, 4]))
}

@Test func longCurvesAreDrawnWithAtMostTheMaximumPoints() {
    let values = (0..<50_000).map { Double($0 % 100) }
    let svg = LinePlot(title: "long", series: [.init(name: "x", values: values)], maxPointsPerCurve: 500).svg()
    let curves = svg.components(separatedBy: "<polyline points=\"").dropFirst()
        .map { $0.prefix { $0 != "\"" }.split(separator: " ").count }
    #expect(curves.max() == 500)
}

@Test func constantCurvesGetAScaleAroundTheirValue() {
    let frame = PlotFrame(width: 640, height: 400, xRange: (0, 10), yRange: (0.0002, 0.0002))
    #expect(abs(frame.yRange.low - 0.00018) < 1e-12 && abs(frame.yRange.high - 0.00022) < 1e-12)
    let zero = PlotFrame(width: 640, height: 400, xRange: (0, 10), yRange: (0, 0))
    #expect(zero.yRange == (low: -0.5, high: 0.5))
}
