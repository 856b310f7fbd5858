/// A quadtree over 2-D points holding each cell's point count and centre of mass, for the Barnes–Hut
/// approximation of t-SNE's repulsive forces (van der Maaten 2014): a cell far enough from a point, seen
/// under an angle below θ, acts on it as one point of its total mass.
struct QuadTree {
    /// One cell: its points' count and centre of mass, the square's side, and its four children (the first
    /// child's index, or -1 for a leaf).
    struct Cell {
        var count: Int
        var centreX: Double, centreY: Double
        var width: Double
        var firstChild: Int
    }

    private(set) var cells: [Cell] = []

    /// Cells are split until they hold one point, or identical points, or are this deep.
    static let maximumDepth = 50

    /// The tree of the points `(coordinates[2i], coordinates[2i + 1])`.
    init(coordinates: [Double]) {
        let n = coordinates.count / 2
        precondition(n > 0, "QuadTree: expected at least one point")
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, coordinates[2 * i]); maxX = max(maxX, coordinates[2 * i])
            minY = min(minY, coordinates[2 * i + 1]); maxY = max(maxY, coordinates[2 * i + 1])
        }
        let width = max(maxX - minX, maxY - minY, 1e-12) * (1 + 1e-9)
        var order = Array(0..<n)
        cells.reserveCapacity(2 * n)
        cells.append(Cell(count: 0, centreX: 0, centreY: 0, width: width, firstChild: -1))
        build(0, &order, range: 0..<n, coordinates: coordinates, left: minX, bottom: minY, depth: 0)
    }

    /// Fills cell `slot` with the points `order[range]` in its square at (`left`, `bottom`), appending its
    /// descendants.
    private mutating func build(
        _ slot: Int, _ order: inout [Int], range: Range<Int>, coordinates: [Double], left: Double, bottom: Double, depth: Int
    ) {
        var sumX = 0.0, sumY = 0.0
        for index in range { sumX += coordinates[2 * order[index]]; sumY += coordinates[2 * order[index] + 1] }
        let count = range.count
        cells[slot].count = count
        cells[slot].centreX = sumX / Double(count)
        cells[slot].centreY = sumY / Double(count)
        let first = order[range.lowerBound]
        let identical = range.allSatisfy {
            coordinates[2 * order[$0]] == coordinates[2 * first] && coordinates[2 * order[$0] + 1] == coordinates[2 * first + 1]
        }
        guard count > 1, !identical, depth < Self.maximumDepth else { return }
        let half = cells[slot].width / 2, midX = left + half, midY = bottom + half
        // Quadrant q holds x ≥ midX when q & 1, y ≥ midY when q & 2.
        func quadrant(_ point: Int) -> Int {
            (coordinates[2 * point] >= midX ? 1 : 0) + (coordinates[2 * point + 1] >= midY ? 2 : 0)
        }
        var bounds = [range.lowerBound]
        var start = range.lowerBound
        for q in 0..<4 {
            var end = start
            for i in start..<range.upperBound where quadrant(order[i]) == q {
                order.swapAt(i, end)
                end += 1
            }
            bounds.append(end)
            start = end
        }
        let firstChild = cells.count
        cells[slot].firstChild = firstChild
        for _ in 0..<4 { cells.append(Cell(count: 0, centreX: 0, centreY: 0, width: half, firstChild: -1)) }
        for q in 0..<4 where bounds[q + 1] > bounds[q] {
            build(firstChild + q, &order, range: bounds[q]..<bounds[q + 1], coordinates: coordinates,
                  left: q & 1 == 0 ? left : midX, bottom: q & 2 == 0 ? bottom : midY, depth: depth + 1)
        }
    }

    /// The repulsive force on the point (`x`, `y`) of index `point`, Σ q_ij² (y_i − y_j) unnormalised, and its
    /// share Σ q_ij of the normalisation Z, with q_ij = 1 / (1 + ‖y_i − y_j‖²): cells seen under an angle
    /// (side / distance) below `angle` count as one point at their centre of mass; the point itself is left out.
    func repulsion(x: Double, y: Double, angle: Double) -> (forceX: Double, forceY: Double, z: Double) {
        var forceX = 0.0, forceY = 0.0, z = 0.0
        let squaredAngle = angle * angle
        var stack = [0]
        while let index = stack.popLast() {
            let cell = cells[index]
            guard cell.count > 0 else { continue }
            let dx = x - cell.centreX, dy = y - cell.centreY
            let squaredDistance = dx * dx + dy * dy
            if cell.firstChild < 0 || cell.width * cell.width < squaredAngle * squaredDistance {
                // A leaf at the point's own place holds the point itself (and its duplicates, as for scikit-learn).
                if squaredDistance == 0 { continue }
                let q = 1 / (1 + squaredDistance)
                let mass = Double(cell.count)
                z += mass * q
                forceX += mass * q * q * dx
                forceY += mass * q * q * dy
            } else {
                for child in cell.firstChild..<(cell.firstChild + 4) { stack.append(child) }
            }
        }
        return (forceX, forceY, z)
    }
}
