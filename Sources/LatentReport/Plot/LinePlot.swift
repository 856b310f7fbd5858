import Foundation
import LatentData

/// Curves of named series over steps (losses, D(x) against D(G(z))), each drawn smoothed as TensorBoard
/// smooths scalars, over a lighter raw curve.
public struct LinePlot: Sendable, Plottable {
    /// One named curve.
    public struct Series: Sendable {
        public var name: String
        /// The x value (step) of each point.
        public var steps: [Double]
        /// The y value of each point; non-finite values are left out of the curve.
        public var values: [Double]

        /// A series of points (`steps[i]`, `values[i]`).
        public init(name: String, steps: [Double], values: [Double]) {
            precondition(steps.count == values.count,
                         "LinePlot.Series: \(steps.count) steps do not match \(values.count) values")
            self.name = name
            self.steps = steps
            self.values = values
        }

        /// A series whose steps are 0, 1, 2, ….
        public init(name: String, values: [Double]) {
            self.init(name: name, steps: values.indices.map(Double.init), values: values)
        }
    }

    /// The text above the plot.
    public var title: String
    /// The label under the x axis.
    public var xLabel: String
    /// The label at the top left, for the y axis.
    public var yLabel: String
    /// The curves, coloured in order from Matplotlib's "tab10" palette.
    public var series: [Series]
    /// TensorBoard's smoothing weight in [0, 1): 0 draws only the raw curves.
    public var smoothing: Double
    /// The most points drawn per curve: longer curves are thinned after smoothing over all points; a raw curve
    /// keeps the lowest and highest value of each stretch of steps, a smoothed curve their mean.
    public var maxPointsPerCurve: Int
    /// Whether each point is also drawn as a small square (for curves of few points, such as evaluations).
    public var showsPoints: Bool
    /// Steps marked by a labelled vertical line (such as where a run was resumed).
    public var markers: [Marker]

    /// A labelled vertical line at step `x`.
    public struct Marker: Sendable {
        /// The step marked.
        public var x: Double
        /// The text written beside the line, at its top.
        public var label: String

        /// A line at step `x` labelled `label`.
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// A plot of `series`; see the properties for the other arguments.
    public init(
        title: String, series: [Series], xLabel: String = "step", yLabel: String = "", smoothing: Double = 0.6,
        maxPointsPerCurve: Int = 2000, showsPoints: Bool = false, markers: [Marker] = []
    ) {
        precondition(smoothing >= 0 && smoothing < 1, "LinePlot: expected smoothing in [0, 1), got \(smoothing)")
        precondition(maxPointsPerCurve >= 2, "LinePlot: expected maxPointsPerCurve >= 2, got \(maxPointsPerCurve)")
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.smoothing = smoothing
        self.maxPointsPerCurve = maxPointsPerCurve
        self.showsPoints = showsPoints
        self.markers = markers
    }

    /// The exponential moving average that TensorBoard draws, debiased so that the first points are not pulled to 0:
    /// `last = weight * last + (1 - weight) * value`, shown as `last / (1 - weight^n)` after n finite values.
    /// Non-finite values are passed through unchanged.
    public static func smoothed(_ values: [Double], weight: Double) -> [Double] {
        var last = 0.0
        var counted = 0.0
        return values.map { value in
            guard value.isFinite else { return value }
            last = last * weight + (1 - weight) * value
            counted += 1
            let debias = 1 - Foundation.pow(weight, counted)
            return debias > 0 ? last / debias : value
        }
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
        let points = series.flatMap { zip($0.steps, $0.values).filter { $0.0.isFinite && $0.1.isFinite } }
        let ys = points.map(\.1)
        let xs = points.map(\.0)
        // Cut to what an axis shows, so that the 5% padding stays finite.
        let low = Swift.max(ys.min() ?? 0, -PlotFrame.largestShown), high = Swift.min(ys.max() ?? 1, PlotFrame.largestShown)
        let padding = ys.isEmpty ? 0 : (high - low) * 0.05
        let frame = PlotFrame(width: width, height: height, xRange: (xs.min() ?? 0, xs.max() ?? 1),
                              yRange: (low - padding, high + padding),
                              wholeNumbersOnX: xs.allSatisfy { $0 == $0.rounded() })
        var drawing = Drawing(width: width, height: height, marks: frame.marks(title: title, xLabel: xLabel, yLabel: yLabel))
        for marker in markers where marker.x >= frame.xRange.low && marker.x <= frame.xRange.high {
            let x = frame.x(marker.x)
            drawing.marks.append(.line(points: [(x, frame.top), (x, Double(height) - frame.bottom)], color: .marker,
                                       width: 1, opacity: 1))
            drawing.marks.append(.text(marker.label, x: x + 3, y: frame.top + 12, anchor: .start, size: 10,
                                       color: .marker))
        }
        for (index, entry) in series.enumerated() {
            let color = Color.palette[index % Color.palette.count]
            let raw = Downsampling.minMax(steps: entry.steps, values: entry.values, maxPoints: maxPointsPerCurve)
            if smoothing > 0 {
                let smooth = Downsampling.means(steps: entry.steps, values: Self.smoothed(entry.values, weight: smoothing),
                                                maxPoints: maxPointsPerCurve)
                drawing.marks += curves(frame, raw.steps, raw.values, color: color, width: 1, opacity: 0.3)
                drawing.marks += curves(frame, smooth.steps, smooth.values, color: color, width: 2, opacity: 1)
            } else {
                drawing.marks += curves(frame, raw.steps, raw.values, color: color, width: 1.5, opacity: 1)
            }
            if showsPoints {
                for (step, value) in zip(raw.steps, raw.values) where step.isFinite && value.isFinite {
                    drawing.marks.append(.rect(x: frame.x(step) - 3, y: frame.y(value) - 3, width: 6, height: 6,
                                               color: color, opacity: 1))
                }
            }
        }
        drawing.marks += frame.legend(series.enumerated().map { ($1.name, Color.palette[$0 % Color.palette.count]) })
        return drawing
    }

    /// Polylines through the finite points, broken where a value is not finite.
    private func curves(
        _ frame: PlotFrame, _ steps: [Double], _ values: [Double], color: Color, width: Double, opacity: Double
    ) -> [Mark] {
        var marks: [Mark] = []
        var run: [(x: Double, y: Double)] = []
        for (step, value) in zip(steps, values) {
            if step.isFinite && value.isFinite {
                run.append((frame.x(step), frame.y(value)))
            } else if !run.isEmpty {
                marks.append(.line(points: run, color: color, width: width, opacity: opacity))
                run = []
            }
        }
        if !run.isEmpty { marks.append(.line(points: run, color: color, width: width, opacity: opacity)) }
        return marks
    }
}
