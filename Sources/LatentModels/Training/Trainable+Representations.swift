import LatentNN

extension Autoencoder {
    /// The encoder's codes, flattened.
    public var representations: [Representation] {
        [Representation(name: "codes", summary: "the encoder's codes") { [unowned self] x in
            inEvaluationMode { network.encoder(x) }
        }]
    }
}

extension VAE {
    /// The posterior means.
    public var representations: [Representation] {
        [Representation(name: "codes", summary: "the encoder's posterior means") { [unowned self] x in
            inEvaluationMode { model.encode(x).mean }
        }]
    }
}
