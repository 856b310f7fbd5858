import Foundation
import Testing

// The reference values of Fixtures/semigan.json, written by Scripts/make_semigan_fixtures.py.

/// Everything in semigan.json (see the script for what each part holds).
struct SemiGANFixture: Decodable {
    struct KPlusOne: Decodable {
        let name: String
        let labelled: StoredTensor
        let labels: [Int]
        let unlabelled: StoredTensor
        let fake: StoredTensor
        let lossLabelled: Float
        let lossUnlabelled: Float
        let lossFake: Float
        let gradLabelled: StoredTensor
        let gradUnlabelled: StoredTensor
        let gradFake: StoredTensor
        let realProbabilities: StoredTensor
    }

    struct FeatureMatching: Decodable {
        let stateDict: [StoredTensor]
        let real: StoredTensor
        let fake: StoredTensor
        let value: Float
        let fakeGradient: StoredTensor
    }

    struct WeightNorm: Decodable {
        let dim: Int?
        let stateDict: [StoredTensor]
        let input: StoredTensor
        let output: StoredTensor
        let w: StoredTensor
        let gradWeightG: StoredTensor
        let gradWeightV: StoredTensor
        let gradBias: StoredTensor
        let gradInput: StoredTensor
    }

    struct MultiLabel: Decodable {
        let labelled: StoredTensor
        let targets: StoredTensor
        let unlabelled: StoredTensor
        let fake: StoredTensor
        let lossLabelled: Float
        let lossUnlabelled: Float
        let lossFake: Float
        let gradLabelled: StoredTensor
        let gradUnlabelled: StoredTensor
        let gradFake: StoredTensor
    }

    let kPlusOne: [KPlusOne]
    let featureMatching: FeatureMatching
    let weightNorm: [WeightNorm]
    let multiLabel: MultiLabel

    /// The fixture, read from the test bundle.
    static func load() throws -> SemiGANFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("semigan.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SemiGANFixture.self, from: Data(contentsOf: url))
    }
}
