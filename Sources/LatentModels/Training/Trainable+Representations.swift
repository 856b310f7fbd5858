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

extension Trainable {
    /// The model as a classifier of the data's classes: its first representation of kind `.classLogits`
    /// (a semi-supervised discriminator's class head); nil when it has none.
    public var classifier: Representation? {
        representations.first { $0.kind == .classLogits }
    }

    /// The model as a predictor of the data's binary attributes: its first representation of kind
    /// `.attributeLogits` (a multi-label semi-supervised discriminator's head); nil when it has none.
    public var attributeClassifier: Representation? {
        representations.first { $0.kind == .attributeLogits }
    }
}
