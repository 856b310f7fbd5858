import LatentNN

extension Module {
    /// The module with pix2pix's and CycleGAN's initialization applied to every layer inside it: convolution
    /// weights from N(0, 0.02), batch-norm scales from N(1, 0.02), biases 0 (drawn from `GlobalRandom`).
    public func initializedForTranslation() -> Self {
        apply { module in
            switch module {
            case let conv as Conv2d: Init.normal(conv.weight, mean: 0, std: 0.02); conv.bias.map(Init.zeros)
            case let conv as ConvTranspose2d: Init.normal(conv.weight, mean: 0, std: 0.02); conv.bias.map(Init.zeros)
            case let norm as BatchNorm:
                norm.weight.map { Init.normal($0, mean: 1, std: 0.02) }
                norm.bias.map(Init.zeros)
            default: break
            }
        }
        return self
    }
}
