import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LatentData
import LatentTensor

/// Writes a TensorBoard event file (`events.out.tfevents.<time>.<host>`) that TensorBoard reads.
///
/// Each record goes to the operating system as soon as it is added, so a run killed at any point
/// leaves a readable file; `flush()` also forces the file to disk.
public final class EventWriter {
    /// The event file's path.
    public let path: String
    private let descriptor: Int32

    /// Creates the directory if needed and starts a new event file in it.
    public init(directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError(file: directory, "cannot create the directory (\(error.localizedDescription))")
        }
        let now = Date().timeIntervalSince1970
        let host = ProcessInfo.processInfo.hostName
        var candidate = "\(directory)/events.out.tfevents.\(Int(now)).\(host)"
        var suffix = 1
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(directory)/events.out.tfevents.\(Int(now)).\(host).\(suffix)"
            suffix += 1
        }
        path = candidate
        descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_APPEND, 0o644)
        guard descriptor >= 0 else {
            throw ReportError(file: candidate, "cannot create the event file (\(String(cString: strerror(errno))))")
        }
        try append(Event.fileVersion(wallTime: now))
    }

    deinit {
        close(descriptor)
    }

    /// Records a scalar (a loss, a learning rate) under `tag` at `step`.
    public func addScalar(tag: String, value: Float, step: Int) throws {
        try append(Event.scalar(tag: tag, value: value, step: step, wallTime: Self.wallTime()))
    }

    /// Records an image under `tag` at `step`.
    public func addImage(tag: String, image: Image, step: Int) throws {
        try addImage(tag: tag, png: try PNG.encode(image), width: image.width, height: image.height,
                     channels: image.channels, step: step)
    }

    /// Records already-encoded PNG bytes of an image of the given size and channels under `tag` at `step`.
    public func addImage(tag: String, png: [UInt8], width: Int, height: Int, channels: Int, step: Int) throws {
        try append(Event.image(tag: tag, png: png, width: width, height: height, channels: channels, step: step,
                               wallTime: Self.wallTime()))
    }

    /// Records a histogram of `values` (in `bins` equal-width bins) under `tag` at `step`.
    public func addHistogram<Values: Sequence>(tag: String, values: Values, step: Int, bins: Int = 30) throws
    where Values.Element: BinaryFloatingPoint {
        try append(Event.histogram(tag: tag, Histogram(values: values, bins: bins), step: step,
                                   wallTime: Self.wallTime()))
    }

    /// Records an already binned histogram under `tag` at `step`.
    public func addHistogram(tag: String, histogram: Histogram, step: Int) throws {
        try append(Event.histogram(tag: tag, histogram, step: step, wallTime: Self.wallTime()))
    }

    /// Records a histogram of a tensor's values (D outputs, weights) under `tag` at `step`.
    public func addHistogram(tag: String, values: Tensor, step: Int, bins: Int = 30) throws {
        try addHistogram(tag: tag, values: values.values, step: step, bins: bins)
    }

    /// Marks that training (re)starts at `step`, so that TensorBoard forgets what an interrupted session
    /// logged from `step` on.
    public func addSessionStart(step: Int) throws {
        try append(Event.sessionStart(step: step, wallTime: Self.wallTime()))
    }

    /// Forces everything written so far to disk.
    public func flush() throws {
        guard fsync(descriptor) == 0 else {
            throw ReportError(file: path, "fsync failed (\(String(cString: strerror(errno))))")
        }
    }

    private func append(_ event: [UInt8]) throws {
        guard AtomicFile.writeAll(TFRecord.frame(event), to: descriptor) else {
            throw ReportError(file: path, "write failed (\(String(cString: strerror(errno))))")
        }
    }

    private static func wallTime() -> Double {
        Date().timeIntervalSince1970
    }
}
