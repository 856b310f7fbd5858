import Foundation

/// A report file that cannot be read or written.
///
/// The message names the file (when there is one) and says what went wrong.
public struct ReportError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong, starting with the file's path when a file is involved.
    public let message: String

    /// An error about no file in particular.
    public init(_ message: String) {
        self.message = message
    }

    /// An error about `file`: the message reads "file: problem".
    public init(file: String, _ problem: String) {
        self.message = "\(file): \(problem)"
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
