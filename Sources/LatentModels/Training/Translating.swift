import LatentNN

/// A model that translates images between domains (CycleGAN): the grids it shows for a fixed batch of its
/// training data, each a list of rows of images of one shape (originals, translations, translations back).
public protocol Translating: AnyObject {
    /// The grids for `batch` (as the data loader gives it) by name, such as `a_to_b_to_a`, each a list of
    /// tensors `[N, C, H, W]` shown as consecutive rows, without history; empty when the model does not translate.
    func translationGrids(_ batch: Tensor) -> [(name: String, rows: [Tensor])]
}
