import Foundation
import LatentData
import LatentTestSupport
import Testing

@testable import LatentCLIKit

// `cyclegan-mnist` measures a finished run's translations of the test digits; it failed there once, because it opened
// the run as a sampler, which refuses a translation model.

@Test func cycleganMNISTTranslatesTheTestDigitsOfAFinishedRun() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try trainTinyCycleGAN(in: root)
    let test = try #require(try DatasetCatalog().load("mnist-inverse", split: .test, dataDirectory: LatentProcess.mnist).images)
        .subset(Array(0..<3))
    let (sources, translated) = try CycleGANMNISTReproduction.translate(test, with: CycleGANMNISTReproduction.translator(run))
    #expect(sources.shape == [3, 1, 28, 28] && translated.shape == sources.shape)
    #expect(translated.values.allSatisfy { $0.isFinite && abs($0) <= 1 })
}
