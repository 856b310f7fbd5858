import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing whole files so that a reader sees either the old contents or the new, never a partial file.
enum AtomicWrite {
    /// Replaces the file at `path` with `bytes`: writes a temporary file in the same directory,
    /// flushes it to disk, renames it over the target and flushes the directory.
    /// On failure the previous file is untouched and the temporary file is removed.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        func failure(_ operation: String) -> ReportError {
            ReportError(file: path, "cannot write: \(operation) failed (\(String(cString: strerror(errno))))")
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
        guard writeAll(bytes, to: descriptor) else { throw failure("write") }
        guard fchmod(descriptor, 0o644) == 0 else { throw failure("fchmod") }
        guard fsync(descriptor) == 0 else { throw failure("fsync") }
        isOpen = false
        guard close(descriptor) == 0 else { throw failure("close") }
        guard rename(temporary, path) == 0 else { throw failure("rename") }
        renamed = true
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard directoryDescriptor >= 0 else { throw failure("opening the directory \(directory)") }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw failure("fsync of the directory \(directory)") }
    }

    /// Writes every byte to `descriptor`, retrying after interruptions; false when the system refuses.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let result = systemWrite(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            return true
        }
    }
}

/// The system's `write`, named so that `AtomicWrite.write` does not hide it.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
