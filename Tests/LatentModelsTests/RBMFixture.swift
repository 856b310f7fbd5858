import Foundation
import LatentModels
import LatentNN
import Testing

// The reference values of Fixtures/rbm.json, written by Scripts/make_rbm_fixtures.py.

/// Everything in rbm.json: a 6 × 4 RBM's state dict and, per visible unit type, PyTorch's free energies,
/// CD gradients by autograd and the brute-force log Z.
struct RBMFixture: Decodable {
    struct Case: Decodable {
        let positive: StoredTensor
        let negative: StoredTensor
        let freeEnergy: [Float]
        let gap: Float
        let gradients: [StoredTensor]
        let logZ: Double
    }

    let stateDict: [StoredTensor]
    let cases: [String: Case]

    static func load() throws -> RBMFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("rbm.json")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(RBMFixture.self, from: Data(contentsOf: url))
    }

    /// The fixture's RBM with `units` visible units.
    func machine(_ units: VisibleUnits) throws -> RestrictedBoltzmannMachine {
        let machine = RestrictedBoltzmannMachine(visible: 6, hidden: 4, visibleUnits: units)
        _ = try machine.loadStateDict(Dictionary(uniqueKeysWithValues: stateDict.map { ($0.name, $0.tensor) }))
        return machine
    }
}
