import ArgumentParser
import Foundation

/// A command that cannot go on: the one-line message for standard error and the exit status.
struct CommandFailure: Error {
    /// What went wrong, naming the file or value at fault.
    let message: String
    /// The process's exit status.
    let status: Int32

    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    /// An error's message on one line: its description (the project's errors name their file and value).
    static func describe(_ error: any Error) -> String {
        let text = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Runs `body`, turning any error but an `ExitCode` into a `CommandFailure` with its one-line message.
    static func reporting<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(describe(error))
        }
    }
}
