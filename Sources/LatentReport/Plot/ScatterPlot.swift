import LatentData

/// Points drawn as small squares, one colour per named series (samples of a 2-D generator beside the
/// modes of the data).
public struct ScatterPlot: Sendable, Plottable {
    /// One named set of points.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// The side of each point's square, in pixels.
        public var size: Double

        public init(name: String, points: [(x: Double, y: Double)], size: Double = 2) {
            self.name = name
            self.points = points
            self.size = size
        }
    }

    public var title: String
    public var series: [Series]
    /// The data shown along both axes; nil fits every point.
    public var range: (low: Double, high: Double)?

    public init(title: String, series: [Series], range: (low: Double, high: Double)? = nil) {
        self.title = title
        self.series = series
        self.range = range
    }

    /// The plot as a self-contained SVG document.
    public func svg(width: Int = 480, height: Int = 480) -> String {
        SVGRenderer.render(drawing(width: width, height: height))
    }

    /// Writes the plot to `path` as SVG or PNG, as the name ends in `.svg` or `.png`, atomically.
    public func save(to path: String, width: Int = 480, height: Int = 480) throws {
        try PlotOutput.save(drawing(width: width, height: height), to: path)
    }

    func drawing(width: Int, height: Int) -> Drawing {
        let all = series.flatMap(\.points)
        let fitted = all.isEmpty ? (0.0, 1.0) : (all.map { min($0.x, $0.y) }.min()!, all.map { max($0.x, $0.y) }.max()!)
        let shown = range ?? (low: fitted.0, high: fitted.1)
        let frame = PlotFrame(width: width, height: height, xRange: shown, yRange: shown)
        var drawing = Drawing(width: width, height: height, marks: frame.marks(title: title, xLabel: "x", yLabel: "y"))
        for (index, entry) in series.enumerated() {
            let color = Color.palette[index % Color.palette.count]
            for point in entry.points
            where (frame.xRange.low...frame.xRange.high).contains(point.x) && (frame.yRange.low...frame.yRange.high).contains(point.y) {
                drawing.marks.append(.rect(x: frame.x(point.x) - entry.size / 2, y: frame.y(point.y) - entry.size / 2,
                                           width: entry.size, height: entry.size, color: color, opacity: 0.6))
            }
        }
        drawing.marks += frame.legend(series.enumerated().map { ($1.name, Color.palette[$0 % Color.palette.count]) })
        return drawing
    }
}
