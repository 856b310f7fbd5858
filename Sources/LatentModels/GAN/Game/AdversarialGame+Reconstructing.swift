import LatentNN

extension AdversarialGame: Reconstructing {
    /// Whether the game has an encoder to reconstruct images with.
    public var reconstructs: Bool { encoding != nil }

    /// The generator's images for the latent inputs that `encoding` recovers from `x`, G(E(x)), in
    /// evaluation mode without history. Stops for a game without an encoder.
    public func reconstruct(_ x: Tensor) -> Tensor {
        guard let encoding else { preconditionFailure("AdversarialGame.reconstruct: the game has no encoder") }
        return inEvaluationMode { withoutGrad { generator(encoding(x)) } }
    }
}

extension AdversarialGame: Translating {
    /// Whether the game translates images: it was given a `translation`.
    public var translates: Bool { translation != nil }

    /// The grids of `translation` for `batch`, in evaluation mode without history; none for a game that does
    /// not translate.
    public func translationGrids(_ batch: Tensor) -> [(name: String, rows: [Tensor])] {
        guard let translation else { return [] }
        return inEvaluationMode { withoutGrad { translation(batch) } }
    }

    /// The generator's images for the source images `x` (as samples are made, from the moving average of its
    /// weights when `g_ema` is on), or with `inverse` the `inverseGenerator`'s; nil for a game that does not
    /// translate, or without an inverse.
    public func translate(_ x: Tensor, inverse: Bool) -> Tensor? {
        guard translates else { return nil }
        guard inverse else { return generate(x) }
        return inverseGenerator.map { network in withoutGrad { network(Latent(noise: x)) } }
    }

    /// The generator's input shape, or with `inverse` its output's (what the `inverseGenerator` reads, found by
    /// translating one blank image); nil for a game that does not translate, or without an inverse.
    public func sourceShape(inverse: Bool) -> [Int]? {
        guard translates, !inverse || inverseGenerator != nil else { return nil }
        guard inverse else { return latentShape }
        return Array(generate(Tensor.zeros([1] + latentShape)).shape.dropFirst())
    }
}
