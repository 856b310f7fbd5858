import Testing

@testable import LatentCLIKit
@testable import LatentModels

// The progress line's pieces: durations, loss figures and the line itself.

@Test func durationsReadAsHoursMinutesOrSeconds() {
    #expect(ProgressDisplay.duration(45.4) == "45s")
    #expect(ProgressDisplay.duration(151) == "2m31s")
    #expect(ProgressDisplay.duration(125) == "2m05s")
    #expect(ProgressDisplay.duration(3720) == "1h02m")
}

@Test func progressLineShowsEpochStepLossesRateAndTimeLeft() {
    let display = ProgressDisplay(totalSteps: 400, totalEpochs: 4, batchSize: 50, completedSteps: 100, isTerminal: false)
    let record = StepRecord(step: 200, epoch: 2, losses: ["loss_g": 0.91234, "loss_d": 1.5], measurements: [:],
                            learningRates: [:], imagesPerSecond: 0)
    // 100 steps of 50 images in 10 s: 500 images/s, and 200 steps left take 20 s.
    #expect(display.line(record, seconds: 10, bar: false) == "epoch 2/4 step 200/400 loss_d 1.5 loss_g 0.912 | 500 img/s | ETA 20s")
    #expect(display.line(record, seconds: 10, bar: true).contains("[████████░░░░░░░░] step 200/400"))
}
