import Testing

@testable import LatentReport

// The scatter plot draws one square per point inside its range, in its series' colour.

@Test func scatterDrawsOneSquarePerPointInRange() {
    func squares(_ points: [(x: Double, y: Double)]) -> Int {
        let plot = ScatterPlot(title: "ring", series: [ScatterPlot.Series(name: "samples", points: points)], range: (-3, 3))
        return plot.svg().components(separatedBy: "fill=\"#1f77b4\"").count - 1
    }
    let inside: [(x: Double, y: Double)] = [(0, 0), (1, -1), (2.5, 2.5)]
    #expect(squares(inside + [(0, 0), (-2, 1)]) - squares(inside) == 2)
    #expect(squares(inside + [(4, 0), (0, -7)]) == squares(inside))
    let twoSeries = ScatterPlot(title: "t", series: [
        ScatterPlot.Series(name: "samples", points: inside), ScatterPlot.Series(name: "modes", points: [(1, 1)], size: 6),
    ])
    #expect(twoSeries.svg().contains(">modes</text>") && twoSeries.svg().contains("fill=\"#ff7f0e\""))
}
