import LatentData

extension PixelRange {
    /// The range of the values a model trained on data scaled by `scaling` produces.
    public init(_ scaling: PixelScaling) {
        switch scaling {
        case .zeroToOne: self = .zeroToOne
        case .minusOneToOne: self = .minusOneToOne
        }
    }
}
