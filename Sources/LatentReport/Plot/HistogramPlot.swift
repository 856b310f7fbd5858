import LatentData
/// Histograms drawn as bars, several overlaid in translucent colours (D's outputs on real and on fake images).
public struct HistogramPlot: Sendable, Plottable {
    /// One named histogram.
    public struct Entry: Sendable {
        public var name: String
        public var histogram: Histogram

        public init(name: String, histogram: Histogram) {
            self.name = name
            self.histogram = histogram
        }

        /// The name, saying how many values were left out for not being finite when some were.
        var legendName: String {
            histogram.nonFiniteCount > 0 ? "\(name) (\(histogram.nonFiniteCount) not finite)" : name
        }
    }

    public var title: String
    public var xLabel: String
    public var entries: [Entry]

    public init(title: String, entries: [Entry], xLabel: String = "value") {
        self.title = title
        self.entries = entries
        self.xLabel = xLabel
    }

    /// The plot as a self-contained SVG document.
    public func svg(width: Int = 640, height: Int = 400) -> String {
        SVGRenderer.render(drawing(width: width, height: height))
    }

    /// The plot as an RGB image.
    public func image(width: Int = 640, height: Int = 400) -> Image {
        RasterRenderer.render(drawing(width: width, height: height))
    }

    /// Writes the plot to `path` as SVG or PNG, as the name ends in `.svg` or `.png`, atomically.
    public func save(to path: String, width: Int = 640, height: Int = 400) throws {
        try PlotOutput.save(drawing(width: width, height: height), to: path)
    }

    func drawing(width: Int, height: Int) -> Drawing {
        let edges = entries.flatMap(\.histogram.edges)
        let highest = entries.flatMap(\.histogram.counts).max() ?? 1
        let frame = PlotFrame(width: width, height: height, xRange: (edges.min() ?? 0, edges.max() ?? 1),
                              yRange: (0, highest * 1.05))
        var drawing = Drawing(width: width, height: height,
                              marks: frame.marks(title: title, xLabel: xLabel, yLabel: "count"))
        let opacity = entries.count > 1 ? 0.5 : 0.8
        for (index, entry) in entries.enumerated() {
            let color = Color.palette[index % Color.palette.count]
            let histogram = entry.histogram
            for (bin, count) in histogram.counts.enumerated() where count > 0 {
                let left = frame.x(histogram.edges[bin])
                let right = frame.x(histogram.edges[bin + 1])
                drawing.marks.append(.rect(x: left, y: frame.y(count), width: right - left,
                                           height: frame.y(0) - frame.y(count), color: color, opacity: opacity))
            }
        }
        drawing.marks += frame.legend(entries.enumerated().map { ($1.legendName, Color.palette[$0 % Color.palette.count]) })
        return drawing
    }
}
