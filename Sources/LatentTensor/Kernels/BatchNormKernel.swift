import CLatentKernels

/// Per-channel loops of batch normalization over a tensor viewed as [batch, channels, spatial]:
/// axis 0, axis 1, and the product of any further axes (1 for [N, C] input).
struct ChannelLayout {
    let batch: Int
    let channels: Int
    let spatial: Int

    init(_ shape: [Int]) {
        batch = shape[0]
        channels = shape[1]
        spatial = Shape.count(Array(shape[2...]))
    }

    /// The number of values of one channel.
    var perChannel: Int { batch * spatial }
}

enum BatchNormKernel {
    /// For each channel c, `Σ (a − aShift[c])` and `Σ (a − aShift[c]) · (b − bShift[c])` over every
    /// other axis, accumulated in Double (Float only within blocks of at most 1,024 values).
    static func channelSums(
        _ a: Tensor, shift aShift: [Float], times b: Tensor, shift bShift: [Float], layout: ChannelLayout
    ) -> (first: [Double], second: [Double]) {
        let (batch, channels, spatial) = (layout.batch, layout.channels, layout.spatial)
        var first = [Double](repeating: 0, count: channels)
        var second = [Double](repeating: 0, count: channels)
        let pa = a.storage.pointer, pb = b.storage.pointer
        first.withUnsafeMutableBufferPointer { firstBuffer in
            second.withUnsafeMutableBufferPointer { secondBuffer in
                let s1 = firstBuffer.baseAddress!, s2 = secondBuffer.baseAddress!
                withPlanes([aShift, bShift]) { planes in
                    let ka = planes, kb = planes + channels
                    parallelChunks(channels, grain: Swift.max(1, 16_384 / Swift.max(layout.perChannel, 1))) { range in
                        if spatial == 1 {
                            // Rows of [N, C]: the inner loop runs along the channels.
                            for n in 0..<batch {
                                let rowA = pa + n * channels, rowB = pb + n * channels
                                for c in range {
                                    let u = rowA[c] - ka[c]
                                    s1[c] += Double(u)
                                    s2[c] += Double(u * (rowB[c] - kb[c]))
                                }
                            }
                            return
                        }
                        for c in range {
                            var total1: Double = 0, total2: Double = 0
                            for n in 0..<batch {
                                let offset = (n * channels + c) * spatial
                                let block = rowSums(pa + offset, ka[c], pb + offset, kb[c], count: spatial)
                                total1 += block.first
                                total2 += block.second
                            }
                            s1[c] = total1
                            s2[c] = total2
                        }
                    }
                }
            }
        }
        return (first, second)
    }

    /// `Σ (a − ka)` and `Σ (a − ka)(b − kb)` over `count` contiguous values, eight lanes at a time
    /// (CLatentKernels' `latent_shifted_sums`).
    @inline(__always)
    private static func rowSums(
        _ a: UnsafePointer<Float>, _ ka: Float, _ b: UnsafePointer<Float>, _ kb: Float, count: Int
    ) -> (first: Double, second: Double) {
        var first: Double = 0, second: Double = 0
        latent_shifted_sums(a, ka, b, kb, count, &first, &second)
        return (first, second)
    }

    /// `(x − center[c]) · scale[c] + offset[c]` for every value of channel c.
    static func normalize(
        _ x: Tensor, center: [Float], scale: [Float], offset: [Float], layout: ChannelLayout
    ) -> Tensor {
        let result = Tensor.uninitialized(x.shape)
        let source = x.storage.pointer, target = result.storage.pointer
        let (channels, spatial) = (layout.channels, layout.spatial)
        withPlanes([center, scale, offset]) { planes in
            let m = planes, k = planes + channels, o = planes + 2 * channels
            if spatial == 1 {
                parallelChunks(layout.batch, grain: Swift.max(1, 32_768 / Swift.max(channels, 1))) { range in
                    for n in range {
                        let input = source + n * channels, output = target + n * channels
                        for c in 0..<channels { output[c] = (input[c] - m[c]) * k[c] + o[c] }
                    }
                }
                return
            }
            parallelChunks(layout.batch * channels, grain: Swift.max(1, 32_768 / spatial)) { range in
                for row in range {
                    let c = row % channels
                    let mc = m[c], kc = k[c], oc = o[c]
                    let input = source + row * spatial, output = target + row * spatial
                    for s in 0..<spatial { output[s] = (input[s] - mc) * kc + oc }
                }
            }
        }
        return result
    }

    /// `(dy − shift[c] − (x − center[c]) · slope[c]) · scale[c]` for every value of channel c: the
    /// input gradient of batch normalization.
    static func inputGradient(
        _ dy: Tensor, _ x: Tensor, shift: [Float], center: [Float], slope: [Float], scale: [Float], layout: ChannelLayout
    ) -> Tensor {
        let result = Tensor.uninitialized(x.shape)
        let pg = dy.storage.pointer, px = x.storage.pointer, target = result.storage.pointer
        let (channels, spatial) = (layout.channels, layout.spatial)
        withPlanes([shift, center, slope, scale]) { planes in
            let d = planes, m = planes + channels, q = planes + 2 * channels, k = planes + 3 * channels
            if spatial == 1 {
                parallelChunks(layout.batch, grain: Swift.max(1, 16_384 / Swift.max(channels, 1))) { range in
                    for n in range {
                        let g = pg + n * channels, input = px + n * channels, output = target + n * channels
                        for c in 0..<channels { output[c] = (g[c] - d[c] - (input[c] - m[c]) * q[c]) * k[c] }
                    }
                }
                return
            }
            parallelChunks(layout.batch * channels, grain: Swift.max(1, 16_384 / spatial)) { range in
                for row in range {
                    let c = row % channels
                    let dc = d[c], mc = m[c], qc = q[c], kc = k[c]
                    let g = pg + row * spatial, input = px + row * spatial, output = target + row * spatial
                    for s in 0..<spatial { output[s] = (g[s] - dc - (input[s] - mc) * qc) * kc }
                }
            }
        }
        return result
    }

    /// Runs `body` with the arrays laid out one after another (each `channels` long) in one buffer.
    private static func withPlanes(_ planes: [[Float]], _ body: (UnsafePointer<Float>) -> Void) {
        let flat = planes.flatMap { $0 }
        flat.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
