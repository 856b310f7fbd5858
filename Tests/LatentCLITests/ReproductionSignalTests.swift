import Foundation
import LatentTestSupport
import Testing

// A signal stops a reproduction's run with a checkpoint, and the message says how to go on: the same reproduce
// command (it once said `latent train … --resume`, which does not finish the reproduction).

@Test func aStoppedReproductionSaysToRunTheSameCommandAgain() throws {
    let root = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    let reproduction = try LatentProcess(["reproduce", "ring-8-gaussians", "--threads", "1", "--out", out.path], in: root)
    let run = out.appendingPathComponent("ring-8-gaussians")
    #expect(waitUntil(seconds: 120) {
        ((try? FileManager.default.contentsOfDirectory(atPath: run.path)) ?? []).contains { name in
            FileManager.default.fileExists(atPath: run.appendingPathComponent(name).appendingPathComponent("metrics.jsonl").path)
        }
    })
    reproduction.send(SIGINT)
    #expect(reproduction.wait() == 130, "\(reproduction.stderr)")
    #expect(reproduction.stdout.contains("Resume with: the same latent reproduce command, which resumes the runs under \(run.path)"),
            "\(reproduction.stdout)")
    #expect(!reproduction.stdout.contains("latent train"))
}
