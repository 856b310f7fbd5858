import Foundation

/// Why a path cannot be read, in words a user can act on.
public enum FileProblem {
    /// Why the file at `path` could not be read: "No such file or directory", "it is a directory, not a file",
    /// "Permission denied", or else `error`'s own description.
    public static func reading(_ path: String, error: any Error) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { return String(cString: strerror(errno)) }
        if status.st_mode & S_IFMT == S_IFDIR { return "it is a directory, not a file" }
        if access(path, R_OK) != 0 { return String(cString: strerror(errno)) }
        return error.localizedDescription
    }
}
