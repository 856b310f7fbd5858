/// How w styles the synthesis network's feature maps.
public enum StyleModulation: String, Sendable, CaseIterable {
    /// StyleGAN's adaptive instance normalization after each convolution (Karras et al. 2019).
    case adain
    /// StyleGAN2's weight modulation and demodulation inside each convolution (Karras et al. 2020).
    case demod
}
