import Foundation
import LatentModels
import LatentNN
import Testing

// CycleGAN's parts against PyTorch (Fixtures/cyclegan.json, written by Scripts/make_cyclegan_fixtures.py):
// reflection padding, the ResNet generator's state-dict names, shapes and outputs, the cycle and identity losses.

@Suite struct CycleGANParityTests {
    private func fixture() throws -> CycleGANFixture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("cyclegan.json")
        return try JSONDecoder().decode(CycleGANFixture.self, from: Data(contentsOf: url))
    }

    private func expectClose(_ actual: Tensor, _ expected: StoredTensor, tolerance: Float = 1e-5) {
        #expect(actual.shape == expected.shape, "\(expected.name)")
        for (a, e) in zip(actual.values, expected.values) {
            #expect(abs(a - e) <= tolerance * max(1, abs(e)), "\(expected.name): \(a) against PyTorch's \(e)")
        }
    }

    private func generator(_ state: [StoredTensor]) throws -> ResnetGenerator {
        let network = ResnetGenerator(inputChannels: 1, outputChannels: 1, ngf: 2, blockCount: 1)
        try network.loadStateDict(state.map { ($0.name, $0.tensor) }, strict: true)
        return network
    }

    @Test func reflectionPaddingAndItsGradientMatchPyTorch() throws {
        let stored = try fixture().reflectionPad
        let x = stored.x.tensor
        let gradients = valueAndGradient(at: [x]) { inputs in
            (ReflectionPad2d(left: 2, right: 1, top: 2, bottom: 0)(inputs[0]) * stored.w.tensor).sum()
        }.gradients
        expectClose(ReflectionPad2d(left: 2, right: 1, top: 2, bottom: 0)(x), stored.output)
        expectClose(gradients[0], stored.gradient)
    }

    @Test func theGeneratorHasPyTorchsNamesShapesAndOutputs() throws {
        let stored = try fixture()
        let forward = try generator(stored.generator)
        expectClose(forward(stored.a.tensor), stored.output)
    }

    @Test func cycleAndIdentityLossesAndTheirGradientsMatchPyTorch() throws {
        let stored = try fixture()
        let forward = try generator(stored.generator), backward = try generator(stored.generatorBA)
        let (a, b) = (stored.a.tensor, stored.b.tensor)
        let cycle = CycleConsistencyLoss(forward: forward, backward: backward, lambdaA: 10, lambdaB: 10)
        let identity = CycleIdentityLoss(forward: forward, backward: backward, lambdaA: 10, lambdaB: 10, lambdaIdentity: 0.5)
        let discriminators = CycleDiscriminators(
            domainA: Sequential(Conv2d(1, 1, kernelSize: 3)), domainB: Sequential(Conv2d(1, 1, kernelSize: 3)),
            poolSize: 0, shapeA: [1, 8, 8], shapeB: [1, 8, 8])
        var random = RandomGenerator(seed: 0)
        var values: [Float] = []
        let (_, gradients) = valueAndGrad(of: forward) { _ in
            let fake = UnpairedImages(images: forward(a), domainA: backward(b), sources: (a, b))
            let verdict = Verdict(real: UnpairedImages(images: b, domainA: a), fake: fake, discriminator: discriminators)
            let (c, i) = (cycle.loss(verdict, random: &random), identity.loss(verdict, random: &random))
            values = [c.item, i.item]
            return c + i
        }
        #expect(abs(values[0] - stored.cycle) <= 1e-5 * stored.cycle && abs(values[1] - stored.identity) <= 1e-5 * stored.identity)
        for expected in stored.gradients {
            expectClose(try #require(gradients[expected.name], "\(expected.name)"), expected, tolerance: 1e-4)
        }
    }
}

/// Fixtures/cyclegan.json.
private struct CycleGANFixture: Decodable {
    struct Reflection: Decodable {
        let x: StoredTensor
        let output: StoredTensor
        let w: StoredTensor
        let gradient: StoredTensor
    }

    let reflectionPad: Reflection
    let generator: [StoredTensor]
    let generatorBA: [StoredTensor]
    let a: StoredTensor
    let b: StoredTensor
    let output: StoredTensor
    let cycle: Float
    let identity: Float
    let gradients: [StoredTensor]
}
