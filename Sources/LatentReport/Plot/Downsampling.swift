/// Thinning a long curve to a few thousand points while keeping its spikes.
enum Downsampling {
    /// At most about `maxPoints` of the points (`steps[i]`, `values[i]`), in order: the points are cut into
    /// `maxPoints / 2` runs of consecutive points, and each run keeps its lowest and highest finite point
    /// (a run with no finite value becomes one non-finite point, which breaks the curve there).
    /// Curves of at most `maxPoints` points are returned whole.
    static func minMax(steps: [Double], values: [Double], maxPoints: Int) -> (steps: [Double], values: [Double]) {
        guard values.count > maxPoints, maxPoints >= 2 else { return (steps, values) }
        let buckets = maxPoints / 2
        var keptSteps: [Double] = [], keptValues: [Double] = []
        keptSteps.reserveCapacity(maxPoints)
        keptValues.reserveCapacity(maxPoints)
        for bucket in 0..<buckets {
            let range = bucket * values.count / buckets..<(bucket + 1) * values.count / buckets
            var lowest: Int?, highest: Int?
            for index in range where values[index].isFinite {
                if lowest.map({ values[index] < values[$0] }) ?? true { lowest = index }
                if highest.map({ values[index] > values[$0] }) ?? true { highest = index }
            }
            guard let low = lowest, let high = highest else {
                keptSteps.append(steps[range.lowerBound])
                keptValues.append(.nan)
                continue
            }
            for index in low == high ? [low] : [Swift.min(low, high), Swift.max(low, high)] {
                keptSteps.append(steps[index])
                keptValues.append(values[index])
            }
        }
        return (keptSteps, keptValues)
    }

    /// At most `maxPoints` points standing for the points (`steps[i]`, `values[i]`): the points are cut into
    /// `maxPoints` runs of consecutive points, and each run becomes the mean step and mean value of its finite
    /// points (a run with no finite value becomes one non-finite point, which breaks the curve there).
    /// For a smoothed curve, whose trend matters more than its extremes. Curves of at most `maxPoints` points
    /// are returned whole.
    static func means(steps: [Double], values: [Double], maxPoints: Int) -> (steps: [Double], values: [Double]) {
        guard values.count > maxPoints, maxPoints >= 1 else { return (steps, values) }
        var keptSteps: [Double] = [], keptValues: [Double] = []
        keptSteps.reserveCapacity(maxPoints)
        keptValues.reserveCapacity(maxPoints)
        for bucket in 0..<maxPoints {
            let range = bucket * values.count / maxPoints..<(bucket + 1) * values.count / maxPoints
            var stepSum = 0.0, valueSum = 0.0, count = 0.0
            for index in range where values[index].isFinite {
                stepSum += steps[index]
                valueSum += values[index]
                count += 1
            }
            keptSteps.append(count > 0 ? stepSum / count : steps[range.lowerBound])
            keptValues.append(count > 0 ? valueSum / count : .nan)
        }
        return (keptSteps, keptValues)
    }
}
