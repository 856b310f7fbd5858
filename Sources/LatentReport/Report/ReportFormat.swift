import Foundation

/// How numbers, durations and data appear in a report's HTML.
enum ReportFormat {
    /// `text` with HTML's special characters escaped, safe inside elements and quoted attributes.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A whole number as it is, others with four significant digits; "–" for a value that is not finite.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }

    /// A duration such as `1 h 02 min`, `3 min 05 s` or `12.3 s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, whole % 3600 / 60)
    }

    /// A `data:` URI holding `bytes` of the given media type, base64-encoded.
    static func dataURI(_ bytes: Data, mediaType: String) -> String {
        "data:\(mediaType);base64," + bytes.base64EncodedString()
    }
}
