import LatentNN

/// A model whose first-layer weights are drawn as images, one per unit: an RBM's or a DBN's filters.
public protocol FilterDrawing: AnyObject {
    /// The weights of the first `count` units (or all there are) as images `[n, 1, height, width]` with values in
    /// [0, 1], each filter scaled from its own range (mid-grey 0.5 at zero weight, black and white at ±max |w|).
    func filterImages(count: Int) -> Tensor
}

extension RestrictedBoltzmannMachine {
    /// The first `count` rows of W as square grey images (the visible units taken as a square image), each
    /// scaled by its own largest |w|: 0.5 + w / (2 max |w|).
    public func filterImages(count: Int) -> Tensor {
        let side = Int(Double(visibleCount).squareRoot())
        precondition(side * side == visibleCount, "RestrictedBoltzmannMachine.filterImages: \(visibleCount) visible units are not a square image")
        let n = Swift.min(count, hiddenCount)
        let values = weight.values
        var images = [Float](repeating: 0.5, count: n * visibleCount)
        for unit in 0..<n {
            let row = values[(unit * visibleCount)..<((unit + 1) * visibleCount)]
            let scale = row.reduce(Float(0)) { Swift.max($0, abs($1)) }
            guard scale > 0 else { continue }
            for (i, w) in row.enumerated() { images[unit * visibleCount + i] = 0.5 + w / (2 * scale) }
        }
        return Tensor(images, shape: [n, 1, side, side])
    }
}

extension RBM: FilterDrawing {
    /// The machine's filters.
    public func filterImages(count: Int) -> Tensor { machine.filterImages(count: count) }
}

extension DBN: FilterDrawing {
    /// The first layer's filters.
    public func filterImages(count: Int) -> Tensor { net.layers[0].filterImages(count: count) }
}
