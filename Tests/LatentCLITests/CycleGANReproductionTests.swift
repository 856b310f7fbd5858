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
    let run = root.appendingPathComponent("run")
    let trained = try LatentProcess.run(
        ["train", "cyclegan", "--dataset", "mnist-inverse", "--data-dir", LatentProcess.mnist, "--steps", "1", "--threads", "1",
         "--option", "ngf=4", "--option", "ndf=4", "--option", "n_blocks=1", "--option", "n_layers_D=1", "--out", run.path],
        in: root)
    try #require(trained.status == 0, "\(trained.stderr)")
    let test = try #require(try DatasetCatalog().load("mnist-inverse", split: .test, dataDirectory: LatentProcess.mnist).images)
        .subset(Array(0..<3))
    let (sources, translated) = try CycleGANMNISTReproduction.translate(test, with: CycleGANMNISTReproduction.translator(run))
    #expect(sources.shape == [3, 1, 28, 28] && translated.shape == sources.shape)
    #expect(translated.values.allSatisfy { $0.isFinite && abs($0) <= 1 })
}
