import LatentModels
import LatentNN

/// The layout of a class-conditional model's sample grids: one row per class (row r shows class r) and the
/// same latent vector down each column, so that a column shows one style across the classes.
public enum ClassRows {
    /// The latent vectors and labels of a grid of `classCount` rows of `columns`: sample `r · columns + c` is
    /// latent vector c of `z` (which must hold at least `columns`) with label r.
    public static func latents(_ z: Tensor, columns: Int, classCount: Int) -> (z: Tensor, labels: [Int]) {
        let rows = Latent.classRows(z, columns: columns, classCount: classCount)
        return (rows.noise, rows.labels!)
    }

    /// `model`'s grid samples for the latent vectors `z`: the model's own layout when it has one (see
    /// `SampleGenerating.gridSamples`), one row of `columns` per class for a conditional model, otherwise
    /// the samples of `z` as they are.
    public static func samples(of model: any SampleGenerating, _ z: Tensor, columns: Int) -> Tensor {
        if let arranged = model.gridSamples(z, columns: Swift.min(columns, z.shape[0])) { return arranged }
        guard let classCount = model.conditionalClassCount, let conditional = model as? any ClassConditionalGenerating else {
            return model.generate(z)
        }
        let (rows, labels) = latents(z, columns: Swift.min(columns, z.shape[0]), classCount: classCount)
        return conditional.generate(rows, labels: labels)
    }
}
