import LatentNN

/// A model that translates images (pix2pix, CycleGAN): it reads batches of source images beside their
/// partners on the channel axis, and what it shows are grids of translations of given images rather
/// than samples drawn from noise.
public protocol Translating: AnyObject {
    /// Whether the model translates images; false for a model of the family that does not.
    var translates: Bool { get }
    /// The grids for `batch` (as the data loader gives it) by name, such as `translations` or
    /// `a_to_b_to_a`, each a list of tensors `[N, C, H, W]` shown as consecutive rows, without history;
    /// empty when the model does not translate.
    func translationGrids(_ batch: Tensor) -> [(name: String, rows: [Tensor])]
    /// The translations of the source images `x` (`[N, C, H, W]` in the model's pixel scaling), without history;
    /// with `inverse`, of target images back to sources (CycleGAN's G_BA). Nil when the model does not translate,
    /// or has no inverse (pix2pix learns one direction).
    func translate(_ x: Tensor, inverse: Bool) -> Tensor?
    /// The shape `[C, H, W]` of one image that `translate(_:inverse:)` reads with the same `inverse`; nil when it
    /// would return nil.
    func sourceShape(inverse: Bool) -> [Int]?
}
