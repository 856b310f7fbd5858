/// The sizes of one 2-D convolution in its forward direction: the image it reads
/// (`batch × inChannels × inHeight × inWidth`) and the map it writes (`batch × outChannels × outHeight × outWidth`).
/// A transposed convolution runs the same geometry backwards, from the map to the image.
struct ConvGeometry: Hashable {
    let batch: Int
    let inChannels: Int, inHeight: Int, inWidth: Int
    let outChannels: Int, outHeight: Int, outWidth: Int
    let kernelHeight: Int, kernelWidth: Int
    let strideH: Int, strideW: Int
    let padH: Int, padW: Int
    let dilationH: Int, dilationW: Int
    let groups: Int

    var groupInChannels: Int { inChannels / groups }
    var groupOutChannels: Int { outChannels / groups }
    var taps: Int { kernelHeight * kernelWidth }
    /// Rows of one group's column matrix: its input channels times the kernel taps.
    var columnRows: Int { groupInChannels * taps }
    var inPlane: Int { inHeight * inWidth }
    var outPlane: Int { outHeight * outWidth }
    var inputShape: [Int] { [batch, inChannels, inHeight, inWidth] }
    var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }
    var weightShape: [Int] { [outChannels, groupInChannels, kernelHeight, kernelWidth] }
    /// Whether the column matrix of one image is the image itself (1×1 kernel, stride 1, no padding).
    var columnsAreInput: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0
    }

    /// The size along one axis of a convolution's output, as PyTorch computes it.
    static func outputSize(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
        let span = input + 2 * padding - dilation * (kernel - 1) - 1
        return span < 0 ? 0 : span / stride + 1
    }

    /// The output positions `lo..<hi` along one axis whose input position `o · stride + offset` lies in `0..<size`.
    @inline(__always)
    static func validRange(offset: Int, stride: Int, size: Int, outputs: Int) -> (lo: Int, hi: Int) {
        let lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let last = size - 1 - offset
        let hi = last < 0 ? 0 : Swift.min(outputs, last / stride + 1)
        return (Swift.min(lo, hi), hi)
    }
}
