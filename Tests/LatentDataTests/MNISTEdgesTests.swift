import LatentData
import Testing

// mnist-edges: MNIST digits padded to 32×32 beside their morphological-gradient edge maps.

@Suite struct MNISTEdgesTests {
    @Test func pairsHoldTheEdgeMapBesideThePaddedDigit() {
        // A 4×4 square of 200 at rows and columns 10…13 of a 28×28 digit: 12…15 once padded.
        var pixels = [UInt8](repeating: 0, count: 784)
        for row in 10...13 { for column in 10...13 { pixels[row * 28 + column] = 200 } }
        let pairs = MNISTEdges.pairs(ImageDataset(pixels: pixels, labels: [7], channels: 1, height: 28, width: 28))
        #expect(pairs.imageShape == [2, 32, 32] && pairs.labels == [7])
        let edges = Array(pairs.pixels[0..<1024]), digit = Array(pairs.pixels[1024..<2048])
        #expect(digit[12 * 32 + 12] == 200 && digit[11 * 32 + 12] == 0 && digit.filter { $0 != 0 }.count == 16)
        // The gradient is 200 on the square's border, inside and outside it, and 0 in its middle and far away.
        #expect(edges[12 * 32 + 12] == 200 && edges[11 * 32 + 11] == 200 && edges[16 * 32 + 16] == 200)
        #expect(edges[13 * 32 + 13] == 0 && edges[0] == 0 && edges[17 * 32 + 17] == 0)
        #expect(edges.filter { $0 != 0 }.count == 6 * 6 - 2 * 2)
    }

    @Test func theCatalogListsItWithMNISTsClasses() throws {
        let entry = try DatasetCatalog.entry("mnist-edges")
        #expect(entry.hasTestSplit && !entry.isDownloadable)
        #expect(DatasetCatalog.classNames(entry.source) == (0...9).map(String.init))
    }
}
