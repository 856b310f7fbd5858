/// Conversions between images and column matrices, which turn a convolution into one matrix product.
///
/// A column matrix holds, for one group of channels and a block of consecutive images, one row per
/// (input channel, kernel tap) and one column per (image, output position): `[columnRows, images · outPlane]`.
///
/// Both directions go through copies of the image planes with their padding written out as zeros, so
/// that every kernel tap reads or adds whole output rows with no bounds to check.
enum Im2Col {
    /// Writes the column matrix of images `first..<first + images`, channel group `group`, of `x` into `columns`.
    static func im2col(
        _ x: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, images: Int, group: Int,
        into columns: UnsafeMutablePointer<Float>
    ) {
        let padded = PaddedPlane(g), width = images * g.outPlane
        let planes = x + (first * g.inChannels + group * g.groupInChannels) * g.inPlane
        forEachChannelRun(g, images: images, planeCount: padded.count) { channel, run, scratch in
            for image in run {
                padded.load(planes + (image * g.inChannels + channel) * g.inPlane, g,
                            into: scratch + (image - run.lowerBound) * padded.count)
            }
            for tap in 0..<g.taps {
                var out = columns + (channel * g.taps + tap) * width + run.lowerBound * g.outPlane
                var source = UnsafePointer(scratch) + padded.offset(ofTap: tap, g)
                for _ in run {
                    var row = source
                    for _ in 0..<g.outHeight {
                        gatherRow(row, stride: g.strideW, count: g.outWidth, into: out)
                        out += g.outWidth
                        row += g.strideH * padded.width
                    }
                    source += padded.count
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
        let padded = PaddedPlane(g), width = images * g.outPlane
        let planes = x + (first * g.inChannels + group * g.groupInChannels) * g.inPlane
        forEachChannelRun(g, images: images, planeCount: padded.count) { channel, run, scratch in
            scratch.update(repeating: bias?[group * g.groupInChannels + channel] ?? 0, count: run.count * padded.count)
            for tap in 0..<g.taps {
                var source = columns + (channel * g.taps + tap) * width + run.lowerBound * g.outPlane
                var target = scratch + padded.offset(ofTap: tap, g)
                for _ in run {
                    var row = target
                    for _ in 0..<g.outHeight {
                        scatterRow(source, stride: g.strideW, count: g.outWidth, into: row)
                        source += g.outWidth
                        row += g.strideH * padded.width
                    }
                    target += padded.count
                }
            }
            for image in run {
                padded.store(scratch + (image - run.lowerBound) * padded.count, g,
                             into: planes + (image * g.inChannels + channel) * g.inPlane)
            }
        }
    }

    /// Copies every `stride`-th value of `source` into `count` consecutive values of `target`.
    @inline(__always)
    private static func gatherRow(
        _ source: UnsafePointer<Float>, stride: Int, count: Int, into target: UnsafeMutablePointer<Float>
    ) {
        switch stride {
        case 1: for i in 0..<count { target[i] = source[i] }
        case 2: for i in 0..<count { target[i] = source[2 &* i] }
        default: for i in 0..<count { target[i] = source[i &* stride] }
        }
    }

    /// Adds `count` consecutive values of `source` to every `stride`-th value of `target`.
    @inline(__always)
    private static func scatterRow(
        _ source: UnsafePointer<Float>, stride: Int, count: Int, into target: UnsafeMutablePointer<Float>
    ) {
        switch stride {
        case 1: for i in 0..<count { target[i] += source[i] }
        case 2: for i in 0..<count { target[2 &* i] += source[i] }
        default: for i in 0..<count { target[i &* stride] += source[i] }
        }
    }

    /// Runs `body` on the thread pool for runs of consecutive images of one channel, each with scratch
    /// room for `planeCount` values per image of the run.
    @inline(__always)
    private static func forEachChannelRun(
        _ g: ConvGeometry, images: Int, planeCount: Int,
        _ body: (_ channel: Int, _ run: Range<Int>, _ scratch: UnsafeMutablePointer<Float>) -> Void
    ) {
        parallelChunks(g.groupInChannels * images, grain: Swift.max(1, 16_384 / Swift.max(g.taps * g.outPlane, 1))) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.min(range.count, images) * planeCount) { scratch in
                var item = range.lowerBound
                while item < range.upperBound {
                    let channel = item / images, image = item % images
                    let end = Swift.min(images, image + range.upperBound - item)
                    body(channel, image..<end, scratch.baseAddress!)
                    item += end - image
                }
            }
        }
    }

    /// The layout of an image plane surrounded by zeros, large enough for every kernel tap to read whole output rows.
    private struct PaddedPlane {
        let width: Int, height: Int, count: Int

        init(_ g: ConvGeometry) {
            let spanH = (g.outHeight - 1) * g.strideH + (g.kernelHeight - 1) * g.dilationH + 1
            let spanW = (g.outWidth - 1) * g.strideW + (g.kernelWidth - 1) * g.dilationW + 1
            height = Swift.max(g.inHeight + 2 * g.padH, spanH)
            width = Swift.max(g.inWidth + 2 * g.padW, spanW)
            count = width * height
        }

        /// Where a kernel tap's first value lies in the padded plane.
        func offset(ofTap tap: Int, _ g: ConvGeometry) -> Int {
            (tap / g.kernelWidth) * g.dilationH * width + (tap % g.kernelWidth) * g.dilationW
        }

        /// Writes `plane` with its padding into `target`.
        func load(_ plane: UnsafePointer<Float>, _ g: ConvGeometry, into target: UnsafeMutablePointer<Float>) {
            target.update(repeating: 0, count: count)
            for ih in 0..<g.inHeight {
                let source = plane + ih * g.inWidth, row = target + (ih + g.padH) * width + g.padW
                for iw in 0..<g.inWidth { row[iw] = source[iw] }
            }
        }

        /// Writes the image part of the padded plane `source` into `plane`.
        func store(_ source: UnsafePointer<Float>, _ g: ConvGeometry, into plane: UnsafeMutablePointer<Float>) {
            for ih in 0..<g.inHeight {
                let row = source + (ih + g.padH) * width + g.padW, target = plane + ih * g.inWidth
                for iw in 0..<g.inWidth { target[iw] = row[iw] }
            }
        }
    }
}
