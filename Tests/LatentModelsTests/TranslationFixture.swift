import Foundation
import LatentModels
import LatentNN
import Testing

// The reference values of Fixtures/translation.json, written by Scripts/make_translation_fixtures.py.

/// One network of the fixture: its settings and state dict, an input, the output in training mode, and the
/// gradients of sum(output · w).
struct TranslationNetworkCase: Decodable {
    struct Settings: Decodable {
        let inputChannels: Int
        let outputChannels: Int?
        let ndf: Int?
        let ngf: Int?
        let nLayers: Int?
        let numDowns: Int?
        let norm: String
    }

    let name: String
    let settings: Settings
    let stateDict: [StoredTensor]
    let input: StoredTensor
    let output: StoredTensor
    let w: StoredTensor
    let inputGradient: StoredTensor
    let parameterGradients: [StoredTensor]

    /// The settings' normalization.
    var norm: TranslationNorm { TranslationNorm(rawValue: settings.norm)! }

    /// Loads the stored state into `network`, runs it on the input in training mode and expects the output and
    /// the gradients of sum(output · w) to match PyTorch's.
    func expectMatches(_ network: Module & Layer) throws {
        _ = try network.loadStateDict(stateDict.map { ($0.name, $0.tensor) })
        _ = network.train()
        let parameters = network.namedParameters()
        for parameter in parameters { parameter.tensor.requiresGrad = true }
        defer { for parameter in parameters { parameter.tensor.requiresGrad = false } }
        let input = self.input.tensor.requiringGrad()
        let output = network(input)
        expectClose(output, self.output, "\(name) output")
        let found = gradients(of: (output * w.tensor).sum(), withRespectTo: [input] + parameters.map(\.tensor))
        expectClose(found[0], inputGradient, "\(name) input gradient")
        let byName = Dictionary(uniqueKeysWithValues: zip(parameters.map(\.name), found.dropFirst()))
        #expect(Set(byName.keys) == Set(parameterGradients.map(\.name)), "\(name): parameter names")
        for stored in parameterGradients {
            expectClose(try #require(byName[stored.name], "\(stored.name)"), stored, "\(name) \(stored.name) gradient")
        }
    }
}

/// Everything in translation.json.
struct TranslationFixture: Decodable {
    let patchGAN: [TranslationNetworkCase]
    let uNet: [TranslationNetworkCase]

    /// The fixture, read from the test bundle.
    static func load() throws -> TranslationFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("translation.json")
        return try JSONDecoder().decode(TranslationFixture.self, from: Data(contentsOf: url))
    }
}
