/// How one axis of an image is resampled to another length: each output position as a weighted sum of
/// input positions, the weights whole numbers over a whole denominator so that bytes resize exactly.
/// Shrinking averages, as PyTorch's `F.interpolate(mode='area')` (adaptive average pooling: output i averages
/// inputs ⌊i·n/m⌋ ..< ⌈(i+1)·n/m⌉); enlarging interpolates linearly, as `mode='bilinear', align_corners=False,
/// antialias=False` does along each axis (output i reads input position max((i + ½)·n/m − ½, 0), a multiple of
/// 1/(2m)); the same length copies.
struct Resampling: Sendable {
    /// One input position and its weight, in units of the output position's `denominator`.
    struct Tap: Sendable {
        let index: Int
        let weight: Int
    }

    /// The taps of each output position.
    let taps: [[Tap]]
    /// What the weights of each output position sum to.
    let denominators: [Int]

    /// The resampling of an axis of `input` positions to `output` positions (both at least 1).
    init(from input: Int, to output: Int) {
        precondition(input >= 1 && output >= 1, "Resampling: lengths must be positive, got \(input) → \(output)")
        if output <= input {
            taps = (0..<output).map { i in
                (i * input / output..<(((i + 1) * input + output - 1) / output)).map { Tap(index: $0, weight: 1) }
            }
            denominators = taps.map(\.count)
        } else {
            // Position i·(2m) = max((2i + 1)·n − m, 0) in units of 1/(2m).
            let unit = 2 * output
            taps = (0..<output).map { i in
                let position = Swift.max((2 * i + 1) * input - output, 0)
                let low = position / unit, upper = position % unit
                return [Tap(index: low, weight: unit - upper), Tap(index: Swift.min(low + 1, input - 1), weight: upper)]
            }
            denominators = Array(repeating: unit, count: output)
        }
    }

    /// Output position `i` of `read`, the axis's input values by position.
    func value(at i: Int, _ read: (Int) -> Double) -> Double {
        taps[i].reduce(0) { $0 + Double($1.weight) * read($1.index) } / Double(denominators[i])
    }

    /// The weighted sum of output position `i` of `read`, not yet divided by its denominator.
    func weightedSum(at i: Int, _ read: (Int) -> Int) -> Int {
        taps[i].reduce(0) { $0 + $1.weight * read($1.index) }
    }
}
