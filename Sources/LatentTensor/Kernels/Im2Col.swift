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
        let taps = g.taps, kw = g.kernelWidth
        let outW = g.outWidth, outH = g.outHeight, inW = g.inWidth, inH = g.inHeight
        let sH = g.strideH, sW = g.strideW
        let width = images * g.outPlane
        parallelChunks(g.columnRows * images, grain: Swift.max(1, 16_384 / Swift.max(g.outPlane, 1))) { range in
            for item in range {
                let row = item / images, image = item % images
                let channel = row / taps, tap = row % taps
                let ki = tap / kw, kj = tap % kw
                let plane = x + ((first + image) * g.inChannels + group * g.groupInChannels + channel) * g.inPlane
                let out = columns + row * width + image * g.outPlane
                let hOffset = ki * g.dilationH - g.padH, wOffset = kj * g.dilationW - g.padW
                let (lo, hi) = ConvGeometry.validRange(offset: wOffset, stride: sW, size: inW, outputs: outW)
                for oh in 0..<outH {
                    let ih = oh * sH + hOffset
                    let target = out + oh * outW
                    if ih < 0 || ih >= inH {
                        target.update(repeating: 0, count: outW)
                        continue
                    }
                    let source = plane + ih * inW + wOffset
                    for ow in 0..<lo { target[ow] = 0 }
                    if sW == 1 {
                        (target + lo).update(from: source + lo, count: hi - lo)
                    } else {
                        for ow in lo..<hi { target[ow] = source[ow * sW] }
                    }
                    for ow in hi..<outW { target[ow] = 0 }
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
        let taps = g.taps, kh = g.kernelHeight, kw = g.kernelWidth
        let outW = g.outWidth, outH = g.outHeight, inW = g.inWidth, inH = g.inHeight
        let sH = g.strideH, sW = g.strideW
        let channels = g.groupInChannels
        let width = images * g.outPlane
        parallelChunks(images * channels, grain: Swift.max(1, 8_192 / Swift.max(taps * g.outPlane, 1))) { range in
            for item in range {
                let image = item / channels, channel = item % channels
                let globalChannel = group * channels + channel
                let plane = x + ((first + image) * g.inChannels + globalChannel) * g.inPlane
                plane.update(repeating: bias?[globalChannel] ?? 0, count: g.inPlane)
                for ki in 0..<kh {
                    let hOffset = ki * g.dilationH - g.padH
                    for kj in 0..<kw {
                        let wOffset = kj * g.dilationW - g.padW
                        let (lo, hi) = ConvGeometry.validRange(offset: wOffset, stride: sW, size: inW, outputs: outW)
                        let source = columns + (channel * taps + ki * kw + kj) * width + image * g.outPlane
                        for oh in 0..<outH {
                            let ih = oh * sH + hOffset
                            if ih < 0 || ih >= inH { continue }
                            let row = source + oh * outW
                            let target = plane + ih * inW + wOffset
                            if sW == 1 {
                                for ow in lo..<hi { target[ow] += row[ow] }
                            } else {
                                for ow in lo..<hi { target[ow * sW] += row[ow] }
                            }
                        }
                    }
                }
            }
        }
    }
}
