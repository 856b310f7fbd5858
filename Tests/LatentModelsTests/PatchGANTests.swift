import LatentModels
import LatentNN
import Testing

// The PatchGAN discriminator: PyTorch's outputs and gradients (Fixtures/translation.json), and the patch each
// logit sees.

@Suite struct PatchGANTests {
    @Test func matchesPyTorchWithInstanceAndBatchNorm() throws {
        let cases = try TranslationFixture.load().patchGAN
        #expect(Set(cases.map(\.norm)) == [.instance, .batch])
        for stored in cases {
            let settings = stored.settings
            let network = PatchGAN.discriminator(inputChannels: settings.inputChannels, ndf: try #require(settings.ndf),
                                                 nLayers: try #require(settings.nLayers), norm: stored.norm)
            try stored.expectMatches(network)
        }
    }

    @Test func receptiveFieldsAreThePapersPatchSizes() {
        #expect(PatchGAN.receptiveField(nLayers: 1) == 16)
        #expect(PatchGAN.receptiveField(nLayers: 3) == 70)
        #expect(PatchGAN.receptiveField(nLayers: 5) == 286)
    }

    @Test func eachLogitDependsOnExactlyItsReceptiveField() {
        // One layer: 16×16 patches. The gradient of one logit away from the border reaches a square of input
        // pixels exactly that wide (batch norm on running statistics, which mixes no positions).
        let network = PatchGAN.discriminator(inputChannels: 1, ndf: 2, nLayers: 1, norm: .batch).eval()
        var random = RandomGenerator(seed: 5)
        let input = Tensor.randn([1, 1, 40, 40], generator: &random).requiringGrad()
        let output = network(input)
        #expect(output.shape == [1, 1, 18, 18])
        var seed = [Float](repeating: 0, count: output.count)
        seed[9 * 18 + 9] = 1
        let gradient = gradients(of: output, withRespectTo: [input], seed: Tensor(seed, shape: output.shape))[0]
        let touched = gradient.values.indices.filter { gradient.values[$0] != 0 }
        let rows = Set(touched.map { $0 / 40 }), columns = Set(touched.map { $0 % 40 })
        #expect(rows.count == PatchGAN.receptiveField(nLayers: 1) && columns.count == PatchGAN.receptiveField(nLayers: 1))
        #expect(rows.max()! - rows.min()! + 1 == rows.count)
    }
}
