import LatentNN

/// A model that translates images (pix2pix): it reads batches of source images beside their targets on the
/// channel axis, and its samples are translations of given sources rather than draws from noise.
public protocol Translating: AnyObject {
    /// The sources, the model's translations of them and the targets of a batch as the data loader gives it
    /// (`[N, C_A + C_B, H, W]`), without history.
    func translate(_ batch: Tensor) -> (sources: Tensor, translations: Tensor, targets: Tensor)
}
