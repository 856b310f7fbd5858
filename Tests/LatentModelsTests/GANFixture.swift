import Foundation
import LatentNN
import Testing

// The reference values of Fixtures/gan.json, written by Scripts/make_gan_fixtures.py.

/// A tensor as the fixture stores it.
struct StoredTensor: Decodable {
    let name: String
    let shape: [Int]
    let values: [Float]

    var tensor: Tensor { Tensor(values, shape: shape) }
}

/// Everything in gan.json (see the script for what each part holds).
struct GANFixture: Decodable {
    struct Objective: Decodable {
        let name: String
        let scores: String
        let dLoss: Float
        let dLossSmoothed: Float
        let gLoss: Float
        let dGradReal: StoredTensor
        let dGradFake: StoredTensor
        let gGradReal: StoredTensor
        let gGradFake: StoredTensor
    }

    struct Critic: Decodable {
        let stateDict: [StoredTensor]
        let real: StoredTensor
        let fake: StoredTensor
        let alpha: StoredTensor
    }

    struct Penalty: Decodable {
        let value: Float
        let gradients: [StoredTensor]
    }

    struct FeatureMatching: Decodable {
        let value: Float
        let fakeGradient: StoredTensor
    }

    struct MinibatchDiscrimination: Decodable {
        let weight: StoredTensor
        let input: StoredTensor
        let output: StoredTensor
        let w: StoredTensor
        let inputGradient: StoredTensor
        let weightGradient: StoredTensor
    }

    struct MinibatchStdDev: Decodable {
        let input: StoredTensor
        let output: StoredTensor
        let w: StoredTensor
        let inputGradient: StoredTensor
    }

    let realLogits: StoredTensor
    let fakeLogits: StoredTensor
    let realProbabilities: StoredTensor
    let fakeProbabilities: StoredTensor
    let objectives: [Objective]
    let critic: Critic
    let gradientPenalty: Penalty
    let r1: Penalty
    let featureMatching: FeatureMatching
    let minibatchDiscrimination: MinibatchDiscrimination
    let minibatchStddev: MinibatchStdDev

    /// The fixture, read from the test bundle.
    static func load() throws -> GANFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("gan.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(GANFixture.self, from: Data(contentsOf: url))
    }

    /// The critic Linear(6, 5), LeakyReLU(0.2), Linear(5, 1) with the fixture's weights.
    func makeCritic() throws -> Sequential {
        let network = Sequential(Linear(6, 5), LeakyReLU(negativeSlope: 0.2), Linear(5, 1))
        try network.loadStateDict(Dictionary(uniqueKeysWithValues: critic.stateDict.map { ($0.name, $0.tensor) }))
        return network
    }
}

/// Expects `actual` to have `expected`'s shape and values within a relative 1e-4 of its largest magnitude.
func expectClose(_ actual: Tensor, _ expected: StoredTensor, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(context): shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
    let scale = expected.values.reduce(Float(1)) { max($0, abs($1)) }
    let worst = zip(actual.values, expected.values).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 1e-4 * scale, "\(context): largest difference \(worst)", sourceLocation: sourceLocation)
}

/// Expects two numbers to agree within a relative 1e-5 (and 1e-6 absolute).
func expectClose(_ actual: Float, _ expected: Float, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(abs(actual - expected) <= 1e-5 * abs(expected) + 1e-6, "\(context): \(actual), expected \(expected)",
            sourceLocation: sourceLocation)
}
