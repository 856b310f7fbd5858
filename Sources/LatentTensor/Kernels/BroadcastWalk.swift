/// How a binary kernel walks two inputs broadcast to one output shape: the output as rows of
/// `inner` contiguous values, with every run of adjacent axes that both inputs step through evenly
/// merged into one, so that rows are as long as possible (for [N, C, H, W] with [1, C, 1, 1], rows
/// are the H·W values of one channel of one image, and the second input is one value per row).
struct BroadcastWalk {
    /// The sizes of the outer axes, outermost first (empty when the output is a single row).
    let outer: [Int]
    /// Each input's stride along the outer axes.
    let outerA: [Int], outerB: [Int]
    /// The values per row.
    let inner: Int
    /// Each input's stride along a row: 1, or 0 where the input holds one value per row.
    let innerA: Int, innerB: Int
    /// The number of rows.
    let rows: Int

    /// The walk of an output of `shape`, reading the inputs with broadcast strides `a` and `b`.
    init(shape: [Int], a: [Int], b: [Int]) {
        // Merged axes, innermost first: (size, stride in a, stride in b).
        var merged: [(size: Int, a: Int, b: Int)] = []
        for axis in shape.indices.reversed() where shape[axis] != 1 {
            if let last = merged.last, a[axis] == last.a * last.size, b[axis] == last.b * last.size {
                merged[merged.count - 1].size *= shape[axis]
            } else {
                merged.append((shape[axis], a[axis], b[axis]))
            }
        }
        let innermost = merged.first ?? (1, 0, 0)
        let outerAxes = merged.dropFirst().reversed()
        inner = innermost.size
        innerA = innermost.a
        innerB = innermost.b
        outer = outerAxes.map(\.size)
        outerA = outerAxes.map(\.a)
        outerB = outerAxes.map(\.b)
        rows = outer.reduce(1, *)
    }

    /// Calls `body(row, offsetA, offsetB)` for each row in `range`, in order, with the offsets of the
    /// row's first values in each input.
    @inline(__always)
    func forEachRow(in range: Range<Int>, _ body: (Int, Int, Int) -> Void) {
        // The index along each outer axis of the current row, advanced like an odometer.
        var index = [Int](repeating: 0, count: outer.count)
        var offsetA = 0, offsetB = 0, rest = range.lowerBound
        for axis in outer.indices.reversed() {
            index[axis] = rest % outer[axis]
            rest /= outer[axis]
            offsetA += index[axis] * outerA[axis]
            offsetB += index[axis] * outerB[axis]
        }
        for row in range {
            body(row, offsetA, offsetB)
            var axis = outer.count - 1
            while axis >= 0 {
                index[axis] += 1
                offsetA += outerA[axis]
                offsetB += outerB[axis]
                if index[axis] < outer[axis] { break }
                offsetA -= outerA[axis] * outer[axis]
                offsetB -= outerB[axis] * outer[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
