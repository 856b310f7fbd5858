import LatentData
/// Drawing a plot into an RGB image: anti-aliased lines, rectangles, and text in the pixel font.
enum RasterRenderer {
    /// Font pixels per image pixel for text: the 3×5 font drawn at twice its size.
    static let textScale = 2

    static func render(_ drawing: Drawing) -> Image {
        var canvas = Image(width: drawing.width, height: drawing.height, channels: 3, value: 255)
        for mark in drawing.marks {
            switch mark {
            case let .line(points, color, width, opacity):
                for (start, end) in zip(points, points.dropFirst()) {
                    segment(&canvas, from: start, to: end, width: width, color: color, opacity: opacity)
                }
            case let .rect(x, y, width, height, color, opacity):
                let left = index(x, .toNearestOrAwayFromZero, size: canvas.width)
                let top = index(y, .toNearestOrAwayFromZero, size: canvas.height)
                let right = index(x + width, .toNearestOrAwayFromZero, size: canvas.width)
                let bottom = index(y + height, .toNearestOrAwayFromZero, size: canvas.height)
                for row in top..<Swift.max(top, bottom) {
                    for column in left..<Swift.max(left, right) {
                        blend(&canvas, column, row, color, opacity)
                    }
                }
            case let .text(text, x, y, anchor, _, color):
                write(&canvas, text, x: x, baseline: y, anchor: anchor, color: color)
            }
        }
        return canvas
    }

    /// The width in pixels of `text` drawn in the pixel font.
    static func textWidth(_ text: String) -> Int {
        text.isEmpty ? 0 : text.count * (PixelFont.glyphWidth + 1) * textScale - textScale
    }

    /// `value` rounded by `rule` to a pixel index, kept within `margin` pixels of 0..<`size` (NaN goes to `-margin`),
    /// so that coordinates far off the canvas, even huge ones, cost nothing and cannot overflow an `Int`.
    private static func index(_ value: Double, _ rule: FloatingPointRoundingRule, size: Int, margin: Int = 1) -> Int {
        guard !value.isNaN else { return -margin }
        return Int(Swift.min(Swift.max(value.rounded(rule), Double(-margin)), Double(size + margin)))
    }

    /// How far off the canvas text may start and still be drawn in part: longer than any label.
    private static let textMargin = 1 << 16

    /// Mixes `color` into the pixel at (`x`, `y`) with weight `alpha`; pixels outside the canvas are ignored.
    private static func blend(_ canvas: inout Image, _ x: Int, _ y: Int, _ color: Color, _ alpha: Double) {
        guard x >= 0, y >= 0, x < canvas.width, y < canvas.height, alpha > 0 else { return }
        let index = (y * canvas.width + x) * 3
        let weight = Swift.min(alpha, 1)
        mix(&canvas.pixels[index], color.red, weight)
        mix(&canvas.pixels[index + 1], color.green, weight)
        mix(&canvas.pixels[index + 2], color.blue, weight)
    }

    /// Moves `channel` towards `value` by `weight` (in [0, 1]).
    private static func mix(_ channel: inout UInt8, _ value: UInt8, _ weight: Double) {
        let old = Double(channel)
        channel = UInt8((old + (Double(value) - old) * weight).rounded())
    }

    /// A straight segment `width` pixels wide whose edges are anti-aliased by their distance to the segment.
    private static func segment(
        _ canvas: inout Image, from start: (x: Double, y: Double), to end: (x: Double, y: Double),
        width: Double, color: Color, opacity: Double
    ) {
        let reach = width / 2 + 1
        let (dx, dy) = (end.x - start.x, end.y - start.y)
        let lengthSquared = dx * dx + dy * dy
        let left = index(Swift.min(start.x, end.x) - reach, .down, size: canvas.width)
        let right = index(Swift.max(start.x, end.x) + reach, .up, size: canvas.width)
        let top = index(Swift.min(start.y, end.y) - reach, .down, size: canvas.height)
        let bottom = index(Swift.max(start.y, end.y) + reach, .up, size: canvas.height)
        for row in Swift.max(top, 0)...Swift.max(Swift.min(bottom, canvas.height - 1), 0) {
            for column in Swift.max(left, 0)...Swift.max(Swift.min(right, canvas.width - 1), 0) {
                // Distance from the pixel's centre to the nearest point of the segment.
                let (px, py) = (Double(column) + 0.5 - start.x, Double(row) + 0.5 - start.y)
                let t = lengthSquared > 0 ? Swift.min(Swift.max((px * dx + py * dy) / lengthSquared, 0), 1) : 0
                let (ex, ey) = (px - t * dx, py - t * dy)
                let coverage = Swift.min(Swift.max(width / 2 + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1)
                blend(&canvas, column, row, color, coverage * opacity)
            }
        }
    }

    /// Draws `text` in the pixel font with its baseline (the glyphs' bottom) at `baseline`.
    private static func write(
        _ canvas: inout Image, _ text: String, x: Double, baseline: Double, anchor: TextAnchor, color: Color
    ) {
        let width = Double(textWidth(text))
        let shift: Double = anchor == .start ? 0 : anchor == .middle ? width / 2 : width
        let left = index(x - shift, .toNearestOrAwayFromZero, size: canvas.width, margin: textMargin)
        let top = index(baseline, .toNearestOrAwayFromZero, size: canvas.height, margin: textMargin)
            - PixelFont.glyphHeight * textScale
        for (position, character) in text.enumerated() {
            let glyphLeft = left + position * (PixelFont.glyphWidth + 1) * textScale
            for (index, on) in PixelFont.glyph(character).enumerated() where on {
                let column = glyphLeft + (index % PixelFont.glyphWidth) * textScale
                let row = top + (index / PixelFont.glyphWidth) * textScale
                for dy in 0..<textScale {
                    for dx in 0..<textScale { blend(&canvas, column + dx, row + dy, color, 1) }
                }
            }
        }
    }
}
