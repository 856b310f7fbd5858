#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Convolution values and gradients as column matrices and matrix products, with no history.
///
/// Images are processed in blocks whose column matrix stays within a cache-sized budget: one product
/// per block and channel group, so that small images still give products wide enough to run fast.
enum Convolution {
    /// The most values a block's column matrix may hold; a single image may exceed it.
    static let columnBudget = 1 << 20

    /// Whether the three products go through oneDNN where it has a primitive for the geometry
    /// (`LATENT_ONEDNN=0` turns it off, for comparisons).
    static let useOneDNN: Bool = getenv("LATENT_ONEDNN").map { String(cString: $0) != "0" } ?? true

    /// How many images one block holds.
    static func blockSize(_ g: ConvGeometry) -> Int {
        Swift.max(1, Swift.min(g.batch, columnBudget / Swift.max(g.columnRows * g.outPlane, 1)))
    }

    /// The convolution of `x` with `weight`, plus `bias` per output channel.
    static func forward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor {
        if useOneDNN, let y = OneDNN.forward(x, weight, bias, g) { return y }
        return columnForward(x, weight, bias, g)
    }

    /// `forward` by column matrices.
    static func columnForward(_ x: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor {
        let y = Tensor.uninitialized(g.outputShape)
        let block = blockSize(g)
        let rows = g.columnRows, outC = g.groupOutChannels, plane = g.outPlane
        let columns = g.columnsAreInput && block == 1 ? nil : TensorStorage(uninitializedCount: rows * block * plane)
        let product = block > 1 ? TensorStorage(uninitializedCount: outC * block * plane) : nil
        let px = x.storage.pointer, pw = weight.storage.pointer, py = y.storage.pointer
        let pb = bias?.storage.pointer
        for first in stride(from: 0, to: g.batch, by: block) {
            let images = Swift.min(block, g.batch - first)
            for group in 0..<g.groups {
                let source: UnsafePointer<Float>
                if let columns {
                    Im2Col.im2col(px, g, first: first, images: images, group: group, into: columns.pointer)
                    source = UnsafePointer(columns.pointer)
                } else {
                    source = UnsafePointer(px + (first * g.inChannels + group * g.groupInChannels) * g.inPlane)
                }
                let groupWeight = pw + group * outC * rows
                if images == 1 {
                    let target = py + (first * g.outChannels + group * outC) * plane
                    BLAS.gemm(transposeA: false, transposeB: false, m: outC, n: plane, k: rows,
                              a: groupWeight, b: source, c: target)
                    if let pb { addBias(pb + group * outC, to: target, channels: outC, plane: plane) }
                } else if let product {
                    BLAS.gemm(transposeA: false, transposeB: false, m: outC, n: images * plane, k: rows,
                              a: groupWeight, b: source, c: product.pointer)
                    scatter(product.pointer, g, first: first, images: images, group: group, bias: pb, into: py)
                }
            }
        }
        return y
    }

    /// The gradient of a convolution's input from the gradient `gy` of its output, which is also the
    /// transposed convolution of `gy` with `weight`; `bias` (per input channel) is added to it.
    static func inputGradient(_ gy: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor {
        if useOneDNN, let dx = OneDNN.inputGradient(gy, weight, g) {
            if let bias { addChannelBias(bias, to: dx) }
            return dx
        }
        return columnInputGradient(gy, weight, bias, g)
    }

    /// `inputGradient` by column matrices.
    static func columnInputGradient(_ gy: Tensor, _ weight: Tensor, _ bias: Tensor?, _ g: ConvGeometry) -> Tensor {
        let dx = Tensor.uninitialized(g.inputShape)
        let block = blockSize(g)
        let rows = g.columnRows, outC = g.groupOutChannels, plane = g.outPlane
        let columns = TensorStorage(uninitializedCount: rows * block * plane)
        let gathered = block > 1 ? TensorStorage(uninitializedCount: outC * block * plane) : nil
        let pg = gy.storage.pointer, pw = weight.storage.pointer, px = dx.storage.pointer
        let pb = bias.map { UnsafePointer($0.storage.pointer) }
        for first in stride(from: 0, to: g.batch, by: block) {
            let images = Swift.min(block, g.batch - first)
            for group in 0..<g.groups {
                let source = outputBlock(pg, g, first: first, images: images, group: group, scratch: gathered)
                BLAS.gemm(transposeA: true, transposeB: false, m: rows, n: images * plane, k: outC,
                          a: pw + group * outC * rows, b: source, c: columns.pointer)
                Im2Col.col2im(columns.pointer, g, first: first, images: images, group: group, bias: pb, into: px)
            }
        }
        return dx
    }

    /// The gradient of a convolution's weight from its input `x` and the gradient `gy` of its output.
    static func weightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        if useOneDNN, let dw = OneDNN.weightGradient(x, gy, g) { return dw }
        return columnWeightGradient(x, gy, g)
    }

    /// `weightGradient` by column matrices.
    static func columnWeightGradient(_ x: Tensor, _ gy: Tensor, _ g: ConvGeometry) -> Tensor {
        let dw = Tensor.uninitialized(g.weightShape)
        let block = blockSize(g)
        let rows = g.columnRows, outC = g.groupOutChannels, plane = g.outPlane
        let columns = g.columnsAreInput && block == 1 ? nil : TensorStorage(uninitializedCount: rows * block * plane)
        let gathered = block > 1 ? TensorStorage(uninitializedCount: outC * block * plane) : nil
        let px = x.storage.pointer, pg = gy.storage.pointer, pw = dw.storage.pointer
        if g.batch == 0 { pw.update(repeating: 0, count: dw.count) }
        for first in stride(from: 0, to: g.batch, by: block) {
            let images = Swift.min(block, g.batch - first)
            for group in 0..<g.groups {
                let source: UnsafePointer<Float>
                if let columns {
                    Im2Col.im2col(px, g, first: first, images: images, group: group, into: columns.pointer)
                    source = UnsafePointer(columns.pointer)
                } else {
                    source = UnsafePointer(px + (first * g.inChannels + group * g.groupInChannels) * g.inPlane)
                }
                let grads = outputBlock(pg, g, first: first, images: images, group: group, scratch: gathered)
                BLAS.gemm(transposeA: false, transposeB: true, m: outC, n: rows, k: images * plane,
                          a: grads, b: source, beta: first == 0 ? 0 : 1, c: pw + group * outC * rows)
            }
        }
        return dw
    }

    /// One group's output channels of a block of images as a `[channels, images · plane]` matrix:
    /// the values in place for a single image, else gathered into `scratch`.
    private static func outputBlock(
        _ y: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, images: Int, group: Int, scratch: TensorStorage?
    ) -> UnsafePointer<Float> {
        let outC = g.groupOutChannels, plane = g.outPlane
        guard images > 1, let scratch else { return y + (first * g.outChannels + group * outC) * plane }
        let target = scratch.pointer
        parallelChunks(outC * images, grain: Swift.max(1, 16_384 / Swift.max(plane, 1))) { range in
            for item in range {
                let channel = item / images, image = item % images
                (target + (channel * images + image) * plane).update(
                    from: y + ((first + image) * g.outChannels + group * outC + channel) * plane, count: plane)
            }
        }
        return UnsafePointer(target)
    }

    /// Moves a `[channels, images · plane]` product into one group's channels of the output, adding `bias`.
    private static func scatter(
        _ product: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, images: Int, group: Int,
        bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>
    ) {
        let outC = g.groupOutChannels, plane = g.outPlane
        parallelChunks(outC * images, grain: Swift.max(1, 16_384 / Swift.max(plane, 1))) { range in
            for item in range {
                let channel = item / images, image = item % images
                let source = product + (channel * images + image) * plane
                let target = y + ((first + image) * g.outChannels + group * outC + channel) * plane
                if let bias {
                    let b = bias[group * outC + channel]
                    for i in 0..<plane { target[i] = source[i] + b }
                } else {
                    target.update(from: source, count: plane)
                }
            }
        }
    }

    /// Adds `bias` to each channel of an `[N, C, …]` tensor in place.
    private static func addChannelBias(_ bias: Tensor, to x: Tensor) {
        let channels = x.shape[1], rows = x.shape[0] * channels
        let plane = x.count / Swift.max(rows, 1)
        let pb = bias.storage.pointer, px = x.storage.pointer
        parallelChunks(rows, grain: Swift.max(1, elementwiseGrain / Swift.max(plane, 1))) { range in
            for row in range {
                let b = pb[row % channels], target = px + row * plane
                for i in 0..<plane { target[i] += b }
            }
        }
    }

    private static func addBias(
        _ bias: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, channels: Int, plane: Int
    ) {
        for channel in 0..<channels {
            let b = bias[channel], row = target + channel * plane
            for i in 0..<plane { row[i] += b }
        }
    }

    /// The sum of each channel of an `[N, C, …]` tensor over every other axis.
    static func channelSums(_ x: Tensor) -> Tensor {
        let channels = x.shape[1], batch = x.shape[0]
        let plane = x.count / Swift.max(batch * channels, 1)
        let result = Tensor.uninitialized([channels])
        let source = x.storage.pointer, target = result.storage.pointer
        parallelChunks(channels, grain: Swift.max(1, 32_768 / Swift.max(batch * plane, 1))) { range in
            for channel in range {
                var total: Float = 0
                for image in 0..<batch {
                    let row = source + (image * channels + channel) * plane
                    for i in 0..<plane { total += row[i] }
                }
                target[channel] = total
            }
        }
        return result
    }
}
