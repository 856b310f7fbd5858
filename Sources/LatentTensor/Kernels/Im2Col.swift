/// Conversions between images and column matrices, which turn a convolution into one matrix product.
///
/// A column matrix holds, for one group of channels and a block of consecutive images, one row per
/// (input channel, kernel tap) and one column per (image, output position): `[columnRows, images · outPlane]`.
enum Im2Col {
    /// Writes the column matrix of images `first..<first + images`, channel group `group`, of `x` into `columns`.
    static func im2col(
        _ x: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, images: Int, group: Int,
        into columns: UnsafeMutablePointer<Float>
    ) {
        let taps = g.taps, outW = g.outWidth, inW = g.inWidth, sH = g.strideH, sW = g.strideW
        let channels = g.groupInChannels, width = images * g.outPlane
        withTapRanges(g) { ranges in
            parallelChunks(channels * images, grain: Swift.max(1, 8_192 / Swift.max(taps * g.outPlane, 1))) { range in
                for item in range {
                    let channel = item / images, image = item % images
                    let plane = x + ((first + image) * g.inChannels + group * channels + channel) * g.inPlane
                    for tap in 0..<taps {
                        let r = ranges[tap]
                        let out = columns + (channel * taps + tap) * width + image * g.outPlane
                        out.update(repeating: 0, count: r.rowLo * outW)
                        (out + r.rowHi * outW).update(repeating: 0, count: (g.outHeight - r.rowHi) * outW)
                        for oh in r.rowLo..<r.rowHi {
                            let target = out + oh * outW
                            let source = plane + (oh * sH + r.hOffset) * inW + r.wOffset
                            for ow in 0..<r.colLo { target[ow] = 0 }
                            if sW == 1 {
                                (target + r.colLo).update(from: source + r.colLo, count: r.colHi - r.colLo)
                            } else {
                                for ow in r.colLo..<r.colHi { target[ow] = source[ow * sW] }
                            }
                            for ow in r.colHi..<outW { target[ow] = 0 }
                        }
                    }
                }
            }
        }
    }

    /// Sums the column matrix back into images `first..<first + images`, channel group `group`, of `x`,
    /// overwriting those channels; each channel starts from its `bias` value, or zero.
    static func col2im(
        _ columns: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, images: Int, group: Int,
        bias: UnsafePointer<Float>?, into x: UnsafeMutablePointer<Float>
    ) {
        let taps = g.taps, outW = g.outWidth, inW = g.inWidth, sH = g.strideH, sW = g.strideW
        let channels = g.groupInChannels, width = images * g.outPlane
        withTapRanges(g) { ranges in
            parallelChunks(images * channels, grain: Swift.max(1, 8_192 / Swift.max(taps * g.outPlane, 1))) { range in
                for item in range {
                    let image = item / channels, channel = item % channels
                    let globalChannel = group * channels + channel
                    let plane = x + ((first + image) * g.inChannels + globalChannel) * g.inPlane
                    plane.update(repeating: bias?[globalChannel] ?? 0, count: g.inPlane)
                    for tap in 0..<taps {
                        let r = ranges[tap]
                        let source = columns + (channel * taps + tap) * width + image * g.outPlane
                        for oh in r.rowLo..<r.rowHi {
                            let row = source + oh * outW
                            let target = plane + (oh * sH + r.hOffset) * inW + r.wOffset
                            if sW == 1 {
                                for ow in r.colLo..<r.colHi { target[ow] += row[ow] }
                            } else {
                                for ow in r.colLo..<r.colHi { target[ow * sW] += row[ow] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Where each kernel tap reads: its offsets into the image and the output rows and columns it lands inside.
    private struct TapRange {
        var hOffset = 0, wOffset = 0, rowLo = 0, rowHi = 0, colLo = 0, colHi = 0
    }

    /// Runs `body` with the range of every kernel tap, in row-major tap order.
    private static func withTapRanges<R>(_ g: ConvGeometry, _ body: (UnsafeMutableBufferPointer<TapRange>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: TapRange.self, capacity: g.taps) { ranges in
            for ki in 0..<g.kernelHeight {
                for kj in 0..<g.kernelWidth {
                    let hOffset = ki * g.dilationH - g.padH, wOffset = kj * g.dilationW - g.padW
                    let rows = ConvGeometry.validRange(offset: hOffset, stride: g.strideH, size: g.inHeight, outputs: g.outHeight)
                    let cols = ConvGeometry.validRange(offset: wOffset, stride: g.strideW, size: g.inWidth, outputs: g.outWidth)
                    ranges.initializeElement(at: ki * g.kernelWidth + kj, to: TapRange(
                        hOffset: hOffset, wOffset: wOffset, rowLo: rows.lo, rowHi: rows.hi, colLo: cols.lo, colHi: cols.hi))
                }
            }
            return body(ranges)
        }
    }
}
