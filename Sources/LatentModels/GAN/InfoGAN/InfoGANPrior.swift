import LatentNN

/// InfoGAN's latent input (Chen et al. 2016): standard normal noise, then latent codes — categorical codes,
/// each one-hot and drawn uniformly, then continuous codes drawn from U(−1, 1) — as one vector per sample of
/// `noiseSize + categorical.reduce(0, +) + continuous` values, in that order.
public struct InfoGANPrior: LatentPrior, Sendable {
    /// The noise values per sample.
    public let noiseSize: Int
    /// How many values each categorical code takes, such as `[10]`.
    public let categorical: [Int]
    /// How many continuous codes there are.
    public let continuous: Int

    /// The prior of `noiseSize` noise values, categorical codes of `categorical` values each and
    /// `continuous` continuous codes; stops when a size is out of range (`ModelOptions` checks user input).
    public init(noiseSize: Int, categorical: [Int], continuous: Int) {
        precondition(noiseSize >= 0 && continuous >= 0 && categorical.allSatisfy { $0 >= 2 },
                     "InfoGANPrior: sizes must be positive and each categorical code needs 2 values or more")
        self.noiseSize = noiseSize
        self.categorical = categorical
        self.continuous = continuous
    }

    /// The length of one latent vector: noise and codes.
    public var width: Int { noiseSize + categorical.reduce(0, +) + continuous }

    /// Where the codes' values start in a latent vector: the first categorical code's one-hot, then the others.
    var categoricalOffsets: [Int] {
        categorical.indices.map { index in noiseSize + categorical[..<index].reduce(0, +) }
    }

    /// Where the continuous codes start in a latent vector.
    var continuousOffset: Int { noiseSize + categorical.reduce(0, +) }

    public func draw(count: Int, random: inout RandomGenerator) -> Latent {
        Latent(noise: noise(count: count, random: &random))
    }

    /// `count` latent vectors: the noise of all samples drawn first, then each sample's categorical values
    /// and continuous codes in turn.
    public func noise(count: Int, random: inout RandomGenerator) -> Tensor {
        let noise = Tensor.randn([count, noiseSize], generator: &random).values
        var values: [Float] = []
        values.reserveCapacity(count * width)
        for sample in 0..<count {
            let categories = categorical.map { random.nextInt(below: $0) }
            let codes = (0..<continuous).map { _ in 2 * random.nextUniform() - 1 }
            values += vector(noise: noise[(sample * noiseSize)..<((sample + 1) * noiseSize)], categories: categories, continuous: codes)
        }
        return Tensor(values, shape: [count, width])
    }

    /// The codes inside latent vectors `latents` `[N, width]`: each categorical code's value (the argmax of
    /// its one-hot) and the continuous codes `[N, continuous]`.
    public func codes(of latents: Tensor) -> LatentCodes {
        precondition(latents.rank == 2 && latents.shape[1] == width,
                     "InfoGANPrior.codes: expected latent vectors [N, \(width)], got \(latents.shape)")
        let categories = zip(categorical, categoricalOffsets).map { size, offset in
            latents.slice(axis: 1, range: offset..<(offset + size)).argmax(axis: 1).values.map { Int($0) }
        }
        let codes = continuous == 0 ? nil : latents.slice(axis: 1, range: continuousOffset..<width)
        return LatentCodes(categorical: categories, continuous: codes)
    }

    /// The paper's Figure 2 grid from the noise of the first `columns` fixed latents `z`: one row per value of
    /// the first categorical code with noise j in column j (other codes as in latent j, continuous codes 0),
    /// then for each continuous code one row per value of the first categorical code (one row without
    /// one), sweeping that code from −2 to 2 across the columns with the row's own noise; nil without codes.
    public func gridLatents(_ z: Tensor, columns: Int) -> Tensor? {
        guard !(categorical.isEmpty && continuous == 0), z.rank == 2, z.shape[1] == width, z.shape[0] >= 1, columns >= 1 else {
            return nil
        }
        let latents = z.values, count = z.shape[0]
        let noise = { (row: Int) -> ArraySlice<Float> in
            let start = row % count * width
            return latents[start..<(start + noiseSize)]
        }
        let givenCategories = { (row: Int) -> [Int] in
            let start = row % count * width
            return zip(categorical, categoricalOffsets).map { size, offset in
                let block = latents[(start + offset)..<(start + offset + size)]
                return (block.indices.max { block[$0] < block[$1] } ?? block.startIndex) - block.startIndex
            }
        }
        let rowsPerSweep = categorical.first ?? 1
        var values: [Float] = []
        for value in 0..<(categorical.isEmpty ? 0 : rowsPerSweep) {
            for column in 0..<columns {
                let categories = [value] + givenCategories(column).dropFirst()
                values += vector(noise: noise(column), categories: categories, continuous: Array(repeating: 0, count: continuous))
            }
        }
        for code in 0..<continuous {
            for row in 0..<rowsPerSweep {
                let categories = categorical.isEmpty ? [] : [row] + givenCategories(row).dropFirst()
                for column in 0..<columns {
                    var codes = [Float](repeating: 0, count: continuous)
                    codes[code] = columns == 1 ? 0 : -2 + 4 * Float(column) / Float(columns - 1)
                    values += vector(noise: noise(row), categories: categories, continuous: codes)
                }
            }
        }
        return Tensor(values, shape: [values.count / width, width])
    }

    private func vector(noise: ArraySlice<Float>, categories: [Int], continuous codes: [Float]) -> [Float] {
        var vector = Array(noise)
        for (size, value) in zip(categorical, categories) {
            vector += (0..<size).map { $0 == value ? 1 : 0 }
        }
        return vector + codes
    }
}

/// The codes a batch of InfoGAN's latent vectors holds.
public struct LatentCodes {
    /// Each categorical code's value per sample: `categorical[code][sample]`.
    public let categorical: [[Int]]
    /// The continuous codes `[N, continuous]`; nil when there are none.
    public let continuous: Tensor?
}
