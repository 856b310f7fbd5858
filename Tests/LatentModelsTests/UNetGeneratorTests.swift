import LatentModels
import LatentNN
import Testing

// The U-Net generator: PyTorch's outputs and gradients (Fixtures/translation.json), its sizes, and its dropout
// noise at sampling.

@Suite struct UNetGeneratorTests {
    @Test func matchesPyTorchWithBatchAndInstanceNorm() throws {
        let cases = try TranslationFixture.load().uNet
        #expect(Set(cases.map(\.norm)) == [.instance, .batch])
        for stored in cases {
            let settings = stored.settings
            let network = UNetGenerator(
                inputChannels: settings.inputChannels, outputChannels: try #require(settings.outputChannels),
                numDowns: try #require(settings.numDowns), ngf: try #require(settings.ngf), norm: stored.norm, dropout: false)
            try stored.expectMatches(network)
        }
    }

    @Test func numDownsReachOnePixelForPowersOfTwo() {
        #expect(UNetGenerator.numDowns(forSize: 32) == 5)
        #expect(UNetGenerator.numDowns(forSize: 256) == 8)
        #expect(UNetGenerator.numDowns(forSize: 28) == nil && UNetGenerator.numDowns(forSize: 16) == nil)
    }

    @Test func dropoutKeepsSamplesRandomInEvaluationMode() {
        // 64 px: one level at 8·ngf filters above the innermost, the level with dropout.
        let network = UNetGenerator(inputChannels: 1, outputChannels: 1, numDowns: 6, ngf: 2, norm: .instance).eval()
        var random = RandomGenerator(seed: 2)
        let source = Tensor.randn([1, 1, 64, 64], generator: &random)
        let first = withoutGrad { network(source) }, second = withoutGrad { network(source) }
        #expect(first.shape == [1, 1, 64, 64] && first.values != second.values)
        let plain = UNetGenerator(inputChannels: 1, outputChannels: 1, numDowns: 6, ngf: 2, norm: .instance, dropout: false).eval()
        #expect(withoutGrad { plain(source) }.values == withoutGrad { plain(source) }.values)
    }
}
