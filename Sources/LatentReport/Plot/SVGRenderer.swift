import Foundation

/// Writing a drawing as a self-contained SVG document.
enum SVGRenderer {
    static func render(_ drawing: Drawing) -> String {
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(drawing.width)" height="\(drawing.height)" \
            viewBox="0 0 \(drawing.width) \(drawing.height)" font-family="DejaVu Sans, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>

            """
        for mark in drawing.marks {
            switch mark {
            case let .line(points, color, width, opacity):
                let coordinates = points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
                svg += "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color.hex)\" "
                    + "stroke-width=\"\(number(width))\" stroke-opacity=\"\(number(opacity))\" "
                    + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n"
            case let .rect(x, y, width, height, color, opacity):
                svg += "<rect x=\"\(number(x))\" y=\"\(number(y))\" width=\"\(number(width))\" "
                    + "height=\"\(number(height))\" fill=\"\(color.hex)\" fill-opacity=\"\(number(opacity))\"/>\n"
            case let .text(text, x, y, anchor, size, color):
                svg += "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor.rawValue)\" "
                    + "font-size=\"\(number(size))\" fill=\"\(color.hex)\">\(escaped(text))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// A coordinate with at most two decimals.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `text` with XML's special characters escaped.
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
