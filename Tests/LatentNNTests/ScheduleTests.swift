import Testing
import LatentNN
import LatentTestSupport

private func expectRates(_ schedule: some LearningRateSchedule, _ expected: [Int: Float],
                         sourceLocation: SourceLocation = #_sourceLocation) {
    for (step, rate) in expected.sorted(by: { $0.key < $1.key }) {
        let actual = schedule.learningRate(at: step)
        #expect(allClose([actual], [rate], rtol: 1e-6, atol: 1e-9), "step \(step): got \(actual), expected \(rate)",
                sourceLocation: sourceLocation)
    }
}

@Test func stepLRDecaysEveryStepSize() {
    expectRates(StepLR(baseLearningRate: 1, stepSize: 3), [0: 1, 2: 1, 3: 0.1, 5: 0.1, 6: 0.01])
    expectRates(StepLR(baseLearningRate: 0.2, stepSize: 2, gamma: 0.5), [1: 0.2, 2: 0.1, 4: 0.05])
}

@Test func cosineAnnealingHitsHalfwayAndEnd() {
    // At tMax/2 the rate is (lr + etaMin)/2; at tMax it is etaMin.
    expectRates(CosineAnnealingLR(baseLearningRate: 0.1, tMax: 10, etaMin: 0.01), [0: 0.1, 5: 0.055, 10: 0.01])
    // At a quarter: etaMin + (lr − etaMin)·(1 + cos(π/4))/2.
    let quarter: Float = 0.5 * (1 + (0.5 as Float).squareRoot())
    expectRates(CosineAnnealingLR(baseLearningRate: 1, tMax: 8), [2: quarter, 4: 0.5, 8: 0])
}

@Test func linearWarmupRampsThenHolds() {
    expectRates(LinearWarmup(baseLearningRate: 0.1, warmupSteps: 4, startFactor: 0.25),
                [0: 0.025, 1: 0.04375, 2: 0.0625, 4: 0.1, 9: 0.1])
    expectRates(LinearWarmup(baseLearningRate: 0.3, warmupSteps: 3), [0: 0.1, 3: 0.3])
    expectRates(LinearWarmup(baseLearningRate: 0.3, warmupSteps: 0), [0: 0.3])
}

@Test func warmupFollowedByCosine() {
    let schedule = LinearWarmup(baseLearningRate: 0.1, warmupSteps: 4, startFactor: 0.25)
        .followed(by: CosineAnnealingLR(baseLearningRate: 0.1, tMax: 10, etaMin: 0.01))
    expectRates(schedule, [0: 0.025, 2: 0.0625, 4: 0.1, 9: 0.055, 14: 0.01])
    let stepped = SequentialLR(first: StepLR(baseLearningRate: 1, stepSize: 1, gamma: 0.5),
                               then: StepLR(baseLearningRate: 1, stepSize: 10), milestone: 2)
    expectRates(stepped, [0: 1, 1: 0.5, 2: 1, 12: 0.1])
}
