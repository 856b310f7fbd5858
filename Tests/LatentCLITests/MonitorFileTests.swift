import Foundation
import LatentReport
import LatentTestSupport
import Testing

// The monitor's pieces on their own: the epochs that get grids, run.json, the D histograms file, the fixed
// latents, and TensorBoard's session-start marker.

@Test func sampleScheduleNamesMilestonesEveryEAndTheLast() {
    let schedule = SampleSchedule(every: 15, lastEpoch: 64)
    let epochs = (0...130).filter(schedule.includes)
    #expect(epochs == [1, 10, 15, 20, 30, 45, 50, 60, 64, 75, 90, 100, 105, 120])
    #expect((1...7).filter(SampleSchedule(every: 3, lastEpoch: 7).includes) == [1, 3, 6, 7])
    #expect((1...5).filter(SampleSchedule(every: 1, lastEpoch: 5).includes) == [1, 2, 3, 4, 5])
}

@Test func runStatusWritesEveryFieldWithNullsAndReadsBack() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    let status = RunStatus(model: "dcgan", dataset: "mnist", status: .running, started: "2026-12-05T18:00:00Z",
                           seconds: 12.5, steps: 40, epochs: 1)
    try status.write(run: run)
    let data = try Data(contentsOf: run.appendingPathComponent("run.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(Set(object.keys) == ["model", "module", "dataset", "status", "started", "finished", "seconds", "steps", "epochs", "message"])
    #expect(object["module"] is NSNull && object["finished"] is NSNull && object["message"] is NSNull)
    #expect(object["status"] as? String == "running" && object["steps"] as? Int == 40 && object["seconds"] as? Double == 12.5)
    #expect(try RunStatus.read(run: run) == status)

    var stopped = status
    stopped.status = .stopped
    stopped.finished = "2026-12-05T18:05:00Z"
    stopped.message = "stopped by SIGINT after step 40"
    stopped.module = "MyModels"
    try stopped.write(run: run)
    #expect(try RunStatus.read(run: run) == stopped)

    try Data("{\"model\": 3}".utf8).write(to: run.appendingPathComponent("run.json"))
    let error = #expect(throws: ReportError.self) { try RunStatus.read(run: run) }
    #expect(error?.message.contains("run.json") == true)
}

@Test func discriminatorHistogramsShareARangeAndWriteTheContractsJSON() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    let histograms = DiscriminatorHistograms(epoch: 3, real: [0.9, 0.95, 0.7, 1.0], fake: [0.1, 0.05, 0.3, 0.0], bins: 4)
    #expect(histograms.real.edges == [0, 0.25, 0.5, 0.75, 1])
    #expect(histograms.real.counts == [0, 0, 1, 3])
    #expect(histograms.fake.counts == [3, 1, 0, 0])
    try histograms.write(run: run)
    let data = try Data(contentsOf: run.appendingPathComponent("histograms/epoch-0003.json"))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["epoch"] as? Int == 3)
    let real = try #require(object["d_real"] as? [String: Any])
    #expect(real["counts"] as? [Double] == [0, 0, 1, 3] && real["edges"] as? [Double] == [0, 0.25, 0.5, 0.75, 1])

    // A critic's scores outside [0, 1] are binned over their own joint range.
    let critic = DiscriminatorHistograms(epoch: 1, real: [2, 4], fake: [-4, 0], bins: 2)
    #expect(critic.real.edges == [-4, 0, 4] && critic.real.counts == [0, 2] && critic.fake.counts == [1, 1])
}

@Test func fixedLatentsAreCreatedOnceThenReadBack() throws {
    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    let first = try FixedLatents.loadOrCreate(run: run, count: 4, latentShape: [3], seed: 7)
    #expect(first.shape == [4, 3])
    let again = try FixedLatents.loadOrCreate(run: run, count: 4, latentShape: [3], seed: 99)
    #expect(again.values == first.values)
    let other = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: other) }
    #expect(try FixedLatents.loadOrCreate(run: other, count: 4, latentShape: [3], seed: 8).values != first.values)
    let error = #expect(throws: ReportError.self) { try FixedLatents.loadOrCreate(run: run, count: 4, latentShape: [5], seed: 7) }
    #expect(error?.message.contains("z.safetensors") == true && error?.message.contains("[4, 5]") == true)
}

@Test func sessionStartEventHasHandComputedBytes() {
    let expected: [UInt8] = [
        0x09, 0, 0, 0, 0, 0, 0, 0, 0x40,  // wall_time = 2.0 (field 1, fixed64)
        0x10, 0x07,  // step = 7 (field 2, varint)
        0x32, 0x02,  // session_log (field 6, 2 bytes)
        0x08, 0x01,  // SessionLog.status = START (field 1, varint 1)
    ]
    #expect(Event.sessionStart(step: 7, wallTime: 2.0) == expected)
}
