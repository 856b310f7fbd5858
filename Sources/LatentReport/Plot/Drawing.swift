import Foundation

/// A colour given by 8-bit red, green and blue.
public struct Color: Equatable, Sendable {
    public let red: UInt8
    public let green: UInt8
    public let blue: UInt8

    /// The colour `0xRRGGBB`.
    public init(_ hex: UInt32) {
        red = UInt8(truncatingIfNeeded: hex >> 16)
        green = UInt8(truncatingIfNeeded: hex >> 8)
        blue = UInt8(truncatingIfNeeded: hex)
    }

    /// `#rrggbb`, as SVG writes colours.
    var hex: String {
        String(format: "#%02x%02x%02x", red, green, blue)
    }

    static let black = Color(0x000000)
    static let white = Color(0xFFFFFF)
    static let grid = Color(0xE0E0E0)
    static let text = Color(0x333333)
    static let marker = Color(0x888888)

    /// Matplotlib's ten "tab10" colours, one per series.
    static let palette: [Color] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { Color($0) }
}

/// Where a text's anchor point lies along the text.
enum TextAnchor: String {
    case start, middle, end
}

/// One element of a plot, in pixel coordinates (origin at the top left, y downwards).
enum Mark {
    /// A polyline through `points`.
    case line(points: [(x: Double, y: Double)], color: Color, width: Double, opacity: Double)
    /// A filled rectangle.
    case rect(x: Double, y: Double, width: Double, height: Double, color: Color, opacity: Double)
    /// A line of text whose baseline passes through `y`.
    case text(String, x: Double, y: Double, anchor: TextAnchor, size: Double, color: Color)
}

/// A plot as a list of marks on a canvas of a given size, ready to render as SVG or as pixels.
struct Drawing {
    let width: Int
    let height: Int
    var marks: [Mark] = []
}

/// A plot that lays itself out as marks on a canvas of a given size.
protocol Plottable {
    func drawing(width: Int, height: Int) -> Drawing
}
