import Testing

/// Expects `body` to throw an error whose description contains every one of `parts`.
public func expectError(
    containing parts: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected an error containing \(parts)", sourceLocation: sourceLocation)
    } catch {
        let text = String(describing: error)
        for part in parts where !text.contains(part) {
            Issue.record("error \"\(text)\" does not contain \"\(part)\"", sourceLocation: sourceLocation)
        }
    }
}
