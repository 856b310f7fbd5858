import LatentNN

extension AdversarialGame: Translating where Sample == ImagePair {
    /// The batch's sources, the generator's translations of them (from the moving average of its weights
    /// when `g_ema` is on; with pix2pix's dropout noise still on) and the batch's targets.
    public func translate(_ batch: Tensor) -> (sources: Tensor, translations: Tensor, targets: Tensor) {
        let pair = sides.real(batch, labels: nil)
        let sampler = samplingGenerator(), latent = Latent(noise: pair.sources)
        let translations = withoutGrad { sampler(latent) }
        return (pair.sources, translations, pair.images)
    }
}
