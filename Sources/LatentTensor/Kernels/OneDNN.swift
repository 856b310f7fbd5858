import CDNNL
import Synchronization

/// Convolution products through oneDNN's CPU primitives, reading and writing Latent's own buffers
/// (plain `nchw` images, `oihw` or `goihw` weights), through blocked copies where those run faster.
///
/// Primitives are made once per geometry and thread count, then reused; each returns nil when oneDNN
/// has no primitive for the geometry, or libdnnl cannot be opened, so that the caller can fall back to
/// its own kernels. libdnnl (and with it the OpenMP runtime) is opened at the first convolution.
enum OneDNN {
    /// The CPU engine and the stream every primitive runs on.
    private struct Device: @unchecked Sendable {
        let engine: dnnl_engine_t
        let stream: dnnl_stream_t
    }

    private static let device: Device? = {
        var engine: dnnl_engine_t?
        var stream: dnnl_stream_t?
        guard cdnnl_open() != 0, cdnnl_device_create(&engine, &stream) == dnnl_success, let engine, let stream
        else { return nil }
        return Device(engine: engine, stream: stream)
    }()

    private struct Key: Hashable {
        let geometry: ConvGeometry
        let kind: UInt32
        let withBias: Bool
        let threads: Int
    }

    /// A primitive and its reorders; never released, like the geometries it serves.
    private struct Primitive: @unchecked Sendable {
        var convolution: cdnnl_convolution
        /// The bytes its blocked copies and scratchpad take, each rounded up to 64.
        var workBytes: Int {
            let blocked = [convolution.blocked_bytes.0, convolution.blocked_bytes.1, convolution.blocked_bytes.2]
            return (blocked + [convolution.scratchpad_bytes]).reduce(0) { $0 + ($1 + 63) / 64 * 64 }
        }
    }

    /// Primitives made so far; nil for geometries oneDNN has none for.
    private static let primitives = Mutex<[Key: Primitive?]>([:])

    /// The convolution of `x` with `weight`, plus `bias`.
    static func forward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor? {
        let y = Tensor.uninitialized(g.outputShape)
        let ran = run(cdnnl_forward, g, withBias: bias != nil, x.storage.pointer, weight.storage.pointer,
                      bias?.storage.pointer, y.storage.pointer)
        return ran ? y : nil
    }

    /// The gradient of a convolution's input from the gradient `gy` of its output.
    static func inputGradient(_ gy: Tensor, _ weight: Tensor, _ g: ConvGeometry) -> Tensor? {
        let dx = Tensor.uninitialized(g.inputShape)
        let ran = run(cdnnl_backward_data, g, withBias: false, gy.storage.pointer, weight.storage.pointer,
                      nil, dx.storage.pointer)
        return ran ? dx : nil
    }

    /// The gradient of a convolution's weight from its input `x` and the gradient `gy` of its output.
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor? {
        let dw = Tensor.uninitialized(g.weightShape)
        let ran = run(cdnnl_backward_weights, g, withBias: false, x.storage.pointer, gy.storage.pointer,
                      nil, dw.storage.pointer)
        return ran ? dw : nil
    }

    private static func run(
        _ kind: cdnnl_kind, _ g: ConvGeometry, withBias: Bool, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        _ c: UnsafePointer<Float>?, _ out: UnsafeMutablePointer<Float>
    ) -> Bool {
        guard g.batch > 0, let device else { return false }
        let threads = Threads.count
        // The thread count is the calling thread's, and primitives split their work by it when made.
        cdnnl_set_num_threads(Int32(threads))
        let key = Key(geometry: g, kind: kind.rawValue, withBias: withBias, threads: threads)
        guard let primitive = primitive(key, device) else { return false }
        let bytes = primitive.workBytes
        let work = bytes > 0 ? TensorStorage(uninitializedCount: bytes / 4) : nil
        var convolution = primitive.convolution
        let status = work.map { work in
            work.pointer.withMemoryRebound(to: CChar.self, capacity: bytes) { pointer in
                cdnnl_convolution_execute(&convolution, device.engine, device.stream, kind, a, b, c, out, pointer)
            }
        } ?? cdnnl_convolution_execute(&convolution, device.engine, device.stream, kind, a, b, c, out, nil)
        precondition(status == dnnl_success, "oneDNN convolution failed with status \(status.rawValue)")
        return true
    }

    private static func primitive(_ key: Key, _ device: Device) -> Primitive? {
        if let known = primitives.withLock({ $0[key] }) { return known }
        let g = key.geometry
        let geometry = cdnnl_geometry(
            batch: Int64(g.batch), in_channels: Int64(g.inChannels), in_height: Int64(g.inHeight),
            in_width: Int64(g.inWidth), out_channels: Int64(g.outChannels), out_height: Int64(g.outHeight),
            out_width: Int64(g.outWidth), kernel_height: Int64(g.kernelHeight), kernel_width: Int64(g.kernelWidth),
            stride_h: Int64(g.strideH), stride_w: Int64(g.strideW), pad_h: Int64(g.padH), pad_w: Int64(g.padW),
            dilation_h: Int64(g.dilationH), dilation_w: Int64(g.dilationW), groups: Int64(g.groups))
        var convolution = cdnnl_convolution()
        // oneDNN's own blocked layouts (16 channels a block) run 1.4–2× faster than plain ones, reorders
        // included, except for an image gradient with few channels per group, which they pad to 16.
        let blocked = key.kind == cdnnl_backward_weights.rawValue || g.groupInChannels >= 16 ? 1 : 0
        let status = cdnnl_convolution_create(
            device.engine, cdnnl_kind(key.kind), geometry, key.withBias ? 1 : 0, Int32(blocked), &convolution)
        let made = status == dnnl_success ? Primitive(convolution: convolution) : nil
        return primitives.withLock { cache in
            if let existing = cache[key] {
                if var made { cdnnl_convolution_destroy(&made.convolution) }
                return existing
            }
            cache[key] = made
            return made
        }
    }
}
