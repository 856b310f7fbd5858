import Foundation

/// The axes of a plot: the mapping from data to pixels, grid lines, ticks with numbers, title, labels and legend.
struct PlotFrame {
    let width: Int
    let height: Int
    /// The data shown along each axis.
    let xRange: (low: Double, high: Double)
    let yRange: (low: Double, high: Double)
    /// Whether the x values are whole numbers (steps, epochs), so that x ticks are at least 1 apart.
    let wholeNumbersOnX: Bool
    /// Margins around the plotting area, in pixels.
    let left = 64.0, right = 16.0, top = 36.0, bottom = 44.0

    /// A frame for the given data ranges; an empty range is widened so that it has a width.
    init(width: Int, height: Int, xRange: (Double, Double), yRange: (Double, Double), wholeNumbersOnX: Bool = false) {
        self.width = width
        self.height = height
        self.xRange = Self.widened(xRange)
        self.yRange = Self.widened(yRange)
        self.wholeNumbersOnX = wholeNumbersOnX
    }

    /// The pixel column of `x`.
    func x(_ value: Double) -> Double {
        left + (value - xRange.low) / (xRange.high - xRange.low) * (Double(width) - left - right)
    }

    /// The pixel row of `y`.
    func y(_ value: Double) -> Double {
        Double(height) - bottom - (value - yRange.low) / (yRange.high - yRange.low) * (Double(height) - top - bottom)
    }

    /// Grid lines, axes, tick numbers, the title and the axis labels.
    func marks(title: String, xLabel: String, yLabel: String) -> [Mark] {
        var marks: [Mark] = []
        let (plotLeft, plotRight) = (left, Double(width) - right)
        let (plotTop, plotBottom) = (top, Double(height) - bottom)
        let xTicks = Self.ticks(xRange, wholeNumbers: wholeNumbersOnX), yTicks = Self.ticks(yRange)
        for tick in xTicks.values {
            marks.append(.line(points: [(x(tick), plotTop), (x(tick), plotBottom)], color: .grid, width: 1, opacity: 1))
            marks.append(.text(Self.label(tick, step: xTicks.step), x: x(tick), y: plotBottom + 16, anchor: .middle,
                               size: 11, color: .text))
        }
        for tick in yTicks.values {
            marks.append(.line(points: [(plotLeft, y(tick)), (plotRight, y(tick))], color: .grid, width: 1, opacity: 1))
            marks.append(.text(Self.label(tick, step: yTicks.step), x: plotLeft - 6, y: y(tick) + 5, anchor: .end,
                               size: 11, color: .text))
        }
        marks.append(.line(points: [(plotLeft, plotTop), (plotLeft, plotBottom), (plotRight, plotBottom)],
                           color: .black, width: 1, opacity: 1))
        marks.append(.text(title, x: Double(width) / 2, y: 22, anchor: .middle, size: 14, color: .black))
        marks.append(.text(xLabel, x: (plotLeft + plotRight) / 2, y: Double(height) - 8, anchor: .middle, size: 12,
                           color: .text))
        marks.append(.text(yLabel, x: 8, y: 22, anchor: .start, size: 12, color: .text))
        return marks
    }

    /// A legend in the top right corner of the plotting area: a coloured line and the name of each entry.
    func legend(_ entries: [(name: String, color: Color)]) -> [Mark] {
        guard !entries.isEmpty else { return [] }
        let longest = entries.map { RasterRenderer.textWidth($0.name) }.max() ?? 0
        let boxWidth = Double(longest) + 40
        let boxLeft = Double(width) - right - boxWidth - 6
        var marks: [Mark] = [.rect(x: boxLeft, y: top + 6, width: boxWidth, height: Double(entries.count) * 18 + 8,
                                   color: .white, opacity: 0.85)]
        for (index, entry) in entries.enumerated() {
            let row = top + 6 + 4 + Double(index) * 18 + 9
            marks.append(.line(points: [(boxLeft + 6, row), (boxLeft + 24, row)], color: entry.color, width: 3,
                               opacity: 1))
            marks.append(.text(entry.name, x: boxLeft + 30, y: row + 5, anchor: .start, size: 12, color: .text))
        }
        return marks
    }

    /// About five round tick positions (multiples of 1, 2 or 5 times a power of ten) inside `range`;
    /// with `wholeNumbers`, only whole numbers.
    static func ticks(_ range: (low: Double, high: Double), wholeNumbers: Bool = false) -> (values: [Double], step: Double) {
        let rough = Swift.max((range.high - range.low) / 5, wholeNumbers ? 1 : 0)
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        let first = Int((range.low / step).rounded(.up))
        let last = Int((range.high / step).rounded(.down))
        return (values: (first...Swift.max(first, last)).map { Double($0) * step }.filter { $0 <= range.high }, step: step)
    }

    /// A tick's number, with as many decimals as the tick spacing needs; large round numbers in thousands (`20k`)
    /// or millions (`1.5M`).
    static func label(_ value: Double, step: Double) -> String {
        if abs(value) < step * 1e-9 { return "0" }
        if abs(value) >= 1e4, step >= 1e3 {
            let (scaled, suffix) = abs(value) >= 1e6 && step >= 1e5 ? (value / 1e6, "M") : (value / 1e3, "k")
            return String(format: "%g", scaled) + suffix
        }
        if abs(value) >= 1e5 || abs(value) < 1e-3 { return String(format: "%.3g", value) }
        let decimals = Swift.max(0, -Int(floor(log10(step) + 1e-9)))
        return String(format: "%.\(decimals)f", value)
    }

    /// `range` unchanged when it has a width, else a range around its one value reaching 10% of the value to
    /// either side (0.5 around 0), and (0, 1) when it is not finite. Bounds beyond ±`largestShown` are cut
    /// there, so that widths, ticks and pixel positions stay finite.
    private static func widened(_ range: (Double, Double)) -> (low: Double, high: Double) {
        guard range.0.isFinite, range.1.isFinite else { return (0, 1) }
        let (low, high) = (Swift.min(Swift.max(range.0, -largestShown), largestShown),
                           Swift.min(Swift.max(range.1, -largestShown), largestShown))
        guard low >= high else { return (low, high) }
        let reach = low == 0 ? 0.5 : abs(low) * 0.1
        return (low - reach, high + reach)
    }

    /// The largest magnitude an axis reaches: far inside Double's range.
    static let largestShown = 1e300
}
