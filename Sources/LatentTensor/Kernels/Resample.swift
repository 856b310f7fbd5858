/// For each output position along one axis, the input positions it reads and their weights.
///
/// Average pooling, adaptive average pooling and nearest and bilinear upsampling all weight an image
/// separably, row taps times column taps; they differ only in their taps.
struct AxisTaps {
    let inputSize: Int
    /// Output `o` reads taps `starts[o]..<starts[o + 1]`.
    private(set) var starts: [Int] = [0]
    private(set) var indices: [Int] = []
    private(set) var weights: [Float] = []

    var outputSize: Int { starts.count - 1 }

    private init(inputSize: Int) { self.inputSize = inputSize }

    private mutating func addOutput(_ taps: [(index: Int, weight: Float)]) {
        for tap in taps {
            indices.append(tap.index)
            weights.append(tap.weight)
        }
        starts.append(indices.count)
    }

    /// Average-pooling windows; padded positions count in the divisor only when `countPadding` is set.
    static func window(input: Int, kernel: Int, stride: Int, padding: Int, countPadding: Bool) -> AxisTaps {
        var taps = AxisTaps(inputSize: input)
        let outputs = ConvGeometry.outputSize(input: input, kernel: kernel, stride: stride, padding: padding, dilation: 1)
        for o in 0..<outputs {
            let start = o * stride - padding
            let valid = Swift.max(start, 0)..<Swift.min(start + kernel, input)
            let weight = 1 / Float(countPadding ? kernel : valid.count)
            taps.addOutput(valid.map { ($0, weight) })
        }
        return taps
    }

    /// PyTorch's adaptive average-pooling windows: output `o` averages `⌊o·in/out⌋..<⌈(o+1)·in/out⌉`.
    static func adaptive(input: Int, output: Int) -> AxisTaps {
        var taps = AxisTaps(inputSize: input)
        for o in 0..<output {
            let start = o * input / output
            let end = ((o + 1) * input + output - 1) / output
            let weight = 1 / Float(end - start)
            taps.addOutput((start..<end).map { ($0, weight) })
        }
        return taps
    }

    /// Each input position repeated `scale` times.
    static func nearest(input: Int, scale: Int) -> AxisTaps {
        var taps = AxisTaps(inputSize: input)
        for o in 0..<(input * scale) { taps.addOutput([(o / scale, 1)]) }
        return taps
    }

    /// Linear interpolation to `output` positions with half-pixel centers (PyTorch's `align_corners=False`).
    static func linear(input: Int, output: Int) -> AxisTaps {
        var taps = AxisTaps(inputSize: input)
        let scale = Float(input) / Float(output)
        for o in 0..<output {
            let source = Swift.max(scale * (Float(o) + 0.5) - 0.5, 0)
            let low = Swift.min(Int(source), input - 1)
            let high = low < input - 1 ? low + 1 : low
            let fraction = source - Float(low)
            let one: Float = 1
            taps.addOutput(high == low ? [(low, one)] : [(low, one - fraction), (high, fraction)])
        }
        return taps
    }
}

/// Separable resampling of `[N, C, H, W]` images by row and column taps, and its adjoint.
enum Resample {
    /// `y[n, c, i, j] = Σ rows[i] · cols[j] · x[n, c, ·, ·]`.
    static func forward(_ x: Tensor, rows: AxisTaps, cols: AxisTaps) -> Tensor {
        let (planes, inH, inW) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
        let outH = rows.outputSize, outW = cols.outputSize
        let y = Tensor.uninitialized([x.shape[0], x.shape[1], outH, outW])
        let source = x.storage.pointer, target = y.storage.pointer
        let cost = Swift.max(rows.indices.count * inW + outH * cols.indices.count, 1)
        parallelChunks(planes, grain: Swift.max(1, 32_768 / cost)) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: inW) { line in
                for plane in range {
                    let input = source + plane * inH * inW, output = target + plane * outH * outW
                    for i in 0..<outH {
                        line.update(repeating: 0)
                        for t in rows.starts[i]..<rows.starts[i + 1] {
                            let weight = rows.weights[t], row = input + rows.indices[t] * inW
                            for w in 0..<inW { line[w] += weight * row[w] }
                        }
                        for j in 0..<outW {
                            var total: Float = 0
                            for t in cols.starts[j]..<cols.starts[j + 1] { total += cols.weights[t] * line[cols.indices[t]] }
                            output[i * outW + j] = total
                        }
                    }
                }
            }
        }
        return y
    }

    /// The transpose of `forward`: spreads `[N, C, outH, outW]` values back over `[N, C, H, W]`.
    static func adjoint(_ g: Tensor, rows: AxisTaps, cols: AxisTaps) -> Tensor {
        let planes = g.shape[0] * g.shape[1]
        let (inH, inW) = (rows.inputSize, cols.inputSize)
        let outH = rows.outputSize, outW = cols.outputSize
        let x = Tensor.uninitialized([g.shape[0], g.shape[1], inH, inW])
        let source = g.storage.pointer, target = x.storage.pointer
        let cost = Swift.max(rows.indices.count * inW + outH * cols.indices.count, 1)
        parallelChunks(planes, grain: Swift.max(1, 32_768 / cost)) { range in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: inW) { line in
                for plane in range {
                    let output = source + plane * outH * outW, input = target + plane * inH * inW
                    input.update(repeating: 0, count: inH * inW)
                    for i in 0..<outH {
                        line.update(repeating: 0)
                        for j in 0..<outW {
                            let value = output[i * outW + j]
                            for t in cols.starts[j]..<cols.starts[j + 1] { line[cols.indices[t]] += cols.weights[t] * value }
                        }
                        for t in rows.starts[i]..<rows.starts[i + 1] {
                            let weight = rows.weights[t], row = input + rows.indices[t] * inW
                            for w in 0..<inW { row[w] += weight * line[w] }
                        }
                    }
                }
            }
        }
        return x
    }
}
