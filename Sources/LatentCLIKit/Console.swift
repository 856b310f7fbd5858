import Foundation

/// Writing to the terminal or pipe at once, unbuffered, so that progress shows while training and
/// nothing is lost when the process is killed.
enum Console {
    /// Writes `line` and a newline to standard output.
    static func out(_ line: String) {
        write(line + "\n", to: FileHandle.standardOutput)
    }

    /// Writes `text` to standard output as it is (a progress bar redraws with `\r`).
    static func outRaw(_ text: String) {
        write(text, to: FileHandle.standardOutput)
    }

    /// Writes `line` and a newline to standard error.
    static func error(_ line: String) {
        write(line + "\n", to: FileHandle.standardError)
    }

    /// Whether standard output is a terminal (a progress bar) rather than a file or pipe (plain lines).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// The terminal's width in columns (80 when it cannot be told).
    static var terminalWidth: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    private static func write(_ text: String, to handle: FileHandle) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}
