import LatentTensor

/// A table of `numEmbeddings` vectors looked up by index, as `torch.nn.Embedding`.
///
/// Indices are whole numbers stored as Float values, of any shape; the output adds an axis of
/// `embeddingDim`. The weight starts N(0, 1); the row at `paddingIdx` starts at zero and gets no gradient.
public final class Embedding: Module, Layer {
    public let numEmbeddings: Int
    public let embeddingDim: Int
    public let paddingIdx: Int?
    @Parameter public var weight: Tensor

    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil) {
        precondition(paddingIdx.map { (0..<numEmbeddings).contains($0) } ?? true,
                     "Embedding: paddingIdx \(paddingIdx ?? 0) is outside 0..<\(numEmbeddings)")
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = paddingIdx
        let weight = Tensor.zeros([numEmbeddings, embeddingDim])
        Init.normal(weight)
        if let paddingIdx {
            weight.withMutableValues { $0[(paddingIdx * embeddingDim)..<((paddingIdx + 1) * embeddingDim)].update(repeating: 0) }
        }
        self.weight = weight
        super.init()
    }

    public func callAsFunction(_ indices: Tensor) -> Tensor {
        // A lookup is a product with one-hot rows, whose gradient adds into the rows looked up.
        let rows = indices.values.map { value -> Int in
            let index = Int(value)
            precondition(Float(index) == value && (0..<numEmbeddings).contains(index),
                         "Embedding: index \(value) is not a whole number in 0..<\(numEmbeddings)")
            return index
        }
        let trained = oneHot(rows.map { $0 == paddingIdx ? nil : $0 })
        var output = trained.matmul(weight)
        if paddingIdx != nil {
            output = output + oneHot(rows.map { $0 == paddingIdx ? $0 : nil }).matmul(weight.detached())
        }
        return output.reshaped(indices.shape + [embeddingDim])
    }

    /// Rows of zeros with a one at each given column.
    private func oneHot(_ columns: [Int?]) -> Tensor {
        var values = [Float](repeating: 0, count: columns.count * numEmbeddings)
        for (row, column) in columns.enumerated() {
            if let column { values[row * numEmbeddings + column] = 1 }
        }
        return Tensor(values, shape: [columns.count, numEmbeddings])
    }
}
