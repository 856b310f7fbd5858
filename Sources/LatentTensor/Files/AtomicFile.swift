import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written: the path, the system call that failed and the system's reason.
public struct FileWriteError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The file that was being written.
    public let path: String
    /// The step that failed, such as `write` or `rename`.
    public let operation: String
    /// The `errno` value.
    public let code: Int32

    public var description: String {
        "cannot write \(path): \(operation) failed: \(String(cString: strerror(code)))"
    }

    public var errorDescription: String? { description }
}

/// Writes files so that a reader sees either the old contents or the new, never a partial file,
/// even if the process or the machine stops part-way.
public enum AtomicFile {
    /// Replaces the file at `url` with `data`: writes a temporary file in the same directory,
    /// flushes it to disk, renames it over the target and flushes the directory.
    ///
    /// On failure (a full disk, a missing or read-only directory) throws a `FileWriteError` and
    /// leaves any previous file untouched; the temporary file is removed. The new file has mode 0644.
    public static func write(_ data: Data, to url: URL) throws {
        try write(data, to: url, using: systemWrite)
    }

    /// `write(_:to:)` with the system's `write` replaced by `writeBytes`, so tests can make it fail.
    static func write(
        _ data: Data, to url: URL, using writeBytes: (Int32, UnsafeRawPointer, Int) -> Int
    ) throws {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        func failure(_ operation: String) -> FileWriteError {
            FileWriteError(path: path, operation: operation, code: errno)
        }

        var template = Array("\(directory)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw failure("creating a temporary file in \(directory)") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        var isOpen = true
        defer {
            if isOpen { close(descriptor) }
            if !renamed { unlink(temporary) }
        }

        guard data.withUnsafeBytes({ writeAll($0, to: descriptor, using: writeBytes) }) else { throw failure("write") }
        guard fchmod(descriptor, 0o644) == 0 else { throw failure("fchmod") }
        guard fsync(descriptor) == 0 else { throw failure("fsync") }
        isOpen = false
        guard close(descriptor) == 0 else { throw failure("close") }
        guard rename(temporary, path) == 0 else { throw failure("rename") }
        renamed = true

        let directoryDescriptor = openDirectory(directory)
        guard directoryDescriptor >= 0 else { throw failure("opening the directory \(directory)") }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure("fsync of the directory \(directory)") }
    }
}

extension AtomicFile {
    /// Writes every byte of `bytes` to the open file `descriptor` (for appending to a log), retrying
    /// after interruptions; false when the system refuses (`errno` says why).
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor, using: systemWrite) }
    }

    private static func writeAll(
        _ raw: UnsafeRawBufferPointer, to descriptor: Int32, using writeBytes: (Int32, UnsafeRawPointer, Int) -> Int
    ) -> Bool {
        var written = 0
        while written < raw.count {
            let result = writeBytes(descriptor, raw.baseAddress!.advanced(by: written), raw.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += result
        }
        return true
    }
}

/// The system's `write`, named so that `AtomicFile.write` does not hide it.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

/// Opens a directory for reading (to flush it), returning the descriptor or -1.
private func openDirectory(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY)
}
