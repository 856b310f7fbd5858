import Foundation
import LatentTensor

/// Reading whole files as bytes, with errors that name the file.
enum FileBytes {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(file: path, "file not found")
        }
        guard !isDirectory.boolValue else {
            throw DataError(file: path, "expected a file, found a directory")
        }
        // A device or a pipe (a link to /dev/zero in a shared folder) would be read without end.
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw DataError(file: path, "expected a regular file, found a device, pipe or socket")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw DataError(file: path, "cannot be read (\(FileProblem.reading(path, error: error)))")
        }
    }

    /// The bytes of the file at `path`, decompressed when they are gzip data.
    static func readDecompressing(_ path: String) throws -> [UInt8] {
        let bytes = try read(path)
        return Gzip.isCompressed(bytes) ? try Gzip.decompress(bytes, name: path) : bytes
    }

    /// Throws unless `path` is an existing directory.
    static func requireDirectory(_ path: String, holding what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(file: path, "directory not found (expected it to hold \(what))")
        }
        guard isDirectory.boolValue else {
            throw DataError(file: path, "expected a directory holding \(what), found a file")
        }
        guard access(path, R_OK | X_OK) == 0 else {
            throw DataError(file: path, "cannot be listed or opened (\(String(cString: strerror(errno)))); it should hold \(what)")
        }
    }

    /// Whether a file (not a directory) exists at `path`.
    static func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Whether a directory exists at `path`.
    static func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
