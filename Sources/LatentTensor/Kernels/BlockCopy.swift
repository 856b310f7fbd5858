/// Copies of rectangular, strided blocks of values: the kernel behind slicing, padding,
/// concatenation and broadcasting.
enum BlockCopy {
    /// For every multi-index `i` within `extent`, writes
    /// `target[targetOffset + Σ i[d]·targetStrides[d]] = source[sourceOffset + Σ i[d]·sourceStrides[d]]`.
    ///
    /// Strides are in values; a source stride of 0 repeats values (broadcasting). Target positions
    /// must be distinct.
    static func copy(
        from source: UnsafePointer<Float>, offset sourceOffset: Int, strides sourceStrides: [Int],
        to target: UnsafeMutablePointer<Float>, offset targetOffset: Int, strides targetStrides: [Int],
        extent: [Int]
    ) {
        precondition(extent.count <= Shape.maxRank, "BlockCopy: rank \(extent.count) exceeds \(Shape.maxRank)")
        if extent.contains(0) { return }
        // Merge axes that step through memory as one, so contiguous runs become one inner loop.
        var sizes: [Int] = [], from: [Int] = [], to: [Int] = []
        for d in extent.indices where extent[d] != 1 {
            if let last = sizes.last, from.last! == sourceStrides[d] * extent[d], to.last! == targetStrides[d] * extent[d] {
                sizes[sizes.count - 1] = last * extent[d]
                from[from.count - 1] = sourceStrides[d]
                to[to.count - 1] = targetStrides[d]
            } else {
                sizes.append(extent[d])
                from.append(sourceStrides[d])
                to.append(targetStrides[d])
            }
        }
        let lead = Shape.maxRank - sizes.count
        sizes = [Int](repeating: 1, count: lead) + sizes
        from = [Int](repeating: 0, count: lead) + from
        to = [Int](repeating: 0, count: lead) + to
        let inner = sizes[4], rows = sizes[0] * sizes[1] * sizes[2] * sizes[3]
        let innerFrom = from[4], innerTo = to[4]
        parallelChunks(rows, grain: Swift.max(1, 32_768 / inner)) { range in
            for row in range {
                var rest = row
                let i3 = rest % sizes[3]; rest /= sizes[3]
                let i2 = rest % sizes[2]; rest /= sizes[2]
                let i1 = rest % sizes[1]; let i0 = rest / sizes[1]
                let read = source + sourceOffset + i0 * from[0] + i1 * from[1] + i2 * from[2] + i3 * from[3]
                let write = target + targetOffset + i0 * to[0] + i1 * to[1] + i2 * to[2] + i3 * to[3]
                if innerFrom == 1 && innerTo == 1 {
                    write.update(from: read, count: inner)
                } else if innerFrom == 0 && innerTo == 1 {
                    write.update(repeating: read[0], count: inner)
                } else {
                    for j in 0..<inner { write[j * innerTo] = read[j * innerFrom] }
                }
            }
        }
    }
}
