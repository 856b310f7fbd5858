import LatentModels
import LatentNN

/// The layout of a class-conditional model's sample grids: one row per class (row r shows class r) and the
/// same latent vector down each column, so that a column shows one style across the classes.
public enum ClassRows {
    /// The latent vectors and labels of a grid of `classCount` rows of `columns`: sample `r · columns + c` is
    /// latent vector c of `z` (which must hold at least `columns`) with label r.
    public static func latents(_ z: Tensor, columns: Int, classCount: Int) -> (z: Tensor, labels: [Int]) {
        precondition(columns >= 1 && z.shape[0] >= columns && classCount >= 1,
                     "ClassRows.latents: need at least \(columns) latent vectors and one class, got \(z.shape[0]) and \(classCount)")
        let row = z.slice(axis: 0, range: 0..<columns)
        let labels = (0..<classCount).flatMap { Array(repeating: $0, count: columns) }
        return (Tensor.concatenated(Array(repeating: row, count: classCount)), labels)
    }

    /// `model`'s grid samples for the latent vectors `z`: the model's own layout when it has one (see
    /// `SampleGenerating.gridLatents`), one row of `columns` per class for a conditional model, otherwise
    /// the samples of `z` as they are.
    public static func samples(of model: any SampleGenerating, _ z: Tensor, columns: Int) -> Tensor {
        if let arranged = model.gridLatents(z, columns: Swift.min(columns, z.shape[0])) { return model.generate(arranged) }
        guard let classCount = model.conditionalClassCount, let conditional = model as? any ClassConditionalGenerating else {
            return model.generate(z)
        }
        let (rows, labels) = latents(z, columns: Swift.min(columns, z.shape[0]), classCount: classCount)
        return conditional.generate(rows, labels: labels)
    }
}
