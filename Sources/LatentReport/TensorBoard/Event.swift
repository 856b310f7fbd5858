/// The protocol buffer encodings of TensorBoard's `Event` and `Summary` messages.
public enum Event {
    /// An event that carries only the file version, as the first record of every event file.
    public static func fileVersion(wallTime: Double) -> [UInt8] {
        var event = Protobuf()
        event.double(1, wallTime)
        event.string(3, "brain.Event:2")
        return event.bytes
    }

    /// An event with a summary holding one scalar.
    public static func scalar(tag: String, value: Float, step: Int, wallTime: Double) -> [UInt8] {
        var entry = Protobuf()
        entry.string(1, tag)
        entry.float(2, value)
        return summary(entry, step: step, wallTime: wallTime)
    }

    /// An event with a summary holding one encoded image (PNG bytes) of the given size and channels.
    public static func image(
        tag: String, png: [UInt8], width: Int, height: Int, channels: Int, step: Int, wallTime: Double
    ) -> [UInt8] {
        var image = Protobuf()
        image.int64(1, Int64(height))
        image.int64(2, Int64(width))
        image.int64(3, Int64(channels))
        image.bytes(4, png)
        var entry = Protobuf()
        entry.string(1, tag)
        entry.message(4, image)
        return summary(entry, step: step, wallTime: wallTime)
    }

    /// An event with a summary holding one histogram.
    public static func histogram(tag: String, _ histogram: Histogram, step: Int, wallTime: Double) -> [UInt8] {
        var histo = Protobuf()
        histo.double(1, histogram.min)
        histo.double(2, histogram.max)
        histo.double(3, Double(histogram.count))
        histo.double(4, histogram.sum)
        histo.double(5, histogram.sumOfSquares)
        histo.packedDoubles(6, histogram.upperEdges)
        histo.packedDoubles(7, histogram.counts)
        var entry = Protobuf()
        entry.string(1, tag)
        entry.message(5, histo)
        return summary(entry, step: step, wallTime: wallTime)
    }

    /// A session-log event marking that training (re)starts at `step`: TensorBoard then drops the values
    /// an interrupted session logged at `step` and after, which the resumed session logs again.
    public static func sessionStart(step: Int, wallTime: Double) -> [UInt8] {
        var log = Protobuf()
        log.varint(1, 1)
        var event = Protobuf()
        event.double(1, wallTime)
        event.int64(2, Int64(step))
        event.message(6, log)
        return event.bytes
    }

    /// An event at `step` whose summary holds the one value `entry`.
    private static func summary(_ entry: Protobuf, step: Int, wallTime: Double) -> [UInt8] {
        var summary = Protobuf()
        summary.message(1, entry)
        var event = Protobuf()
        event.double(1, wallTime)
        event.int64(2, Int64(step))
        event.message(5, summary)
        return event.bytes
    }
}
