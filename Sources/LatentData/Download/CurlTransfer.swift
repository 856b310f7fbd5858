import Foundation

/// Fetching a URL into a file with the `curl` program, which handles HTTPS, redirects and proxies the same way
/// on every Linux system (Foundation's URLSession needs FoundationNetworking and its own libcurl build).
enum CurlTransfer {
    /// The path of the `curl` executable on `PATH`. Throws, saying how to install it, when there is none.
    static func locate() throws -> String {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in searchPath.split(separator: ":") {
            let candidate = String(folder) + "/curl"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw DataError("""
            downloading needs the curl program, and none was found on PATH (\(searchPath)); install it \
            (Debian and Ubuntu: apt-get install curl) or fetch the files by hand (see docs/data.md)
            """)
    }

    /// Writes what `url` serves to `path`, calling `received` with the bytes written so far every fifth of a second.
    /// Throws when the server answers with an error status or cannot be reached.
    static func fetch(_ url: URL, to path: String, received: (Int) -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate())
        process.arguments = [
            "--fail", "--location", "--silent", "--show-error", "--connect-timeout", "30",
            "--output", path, url.absoluteString,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DataError("\(url.absoluteString): could not start curl (\(error.localizedDescription))")
        }
        while process.isRunning {
            Thread.sleep(forTimeInterval: 0.2)
            received(fileSize(path))
        }
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else {
            throw DataError("\(url.absoluteString): download failed (curl exit status \(process.terminationStatus): \(message))")
        }
        received(fileSize(path))
    }

    /// The size of the file at `path`, 0 when it does not exist yet.
    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
