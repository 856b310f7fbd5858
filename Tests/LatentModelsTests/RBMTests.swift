import Foundation
import LatentData
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

// The RBM: free energy and CD gradients against hand computation and PyTorch (Fixtures/rbm.json), the negative
// chains of CD-k and PCD, exact log Z against brute force, AIS against exact log Z, options, resuming.

@Suite(.serialized) struct RBMTests {
    private func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * Swift.max(1, abs($1)) }
    }

    @Test func freeEnergyMatchesHandComputation() throws {
        let machine = RestrictedBoltzmannMachine(visible: 2, hidden: 1)
        _ = try machine.loadStateDict(["W": Tensor([0.5, -1], shape: [1, 2]), "v_bias": Tensor([0.25, 2]), "h_bias": Tensor([-0.5])])
        let energies = machine.freeEnergy(Tensor([1, 0, 1, 1], shape: [2, 2])).values
        // v = (1, 0): −0.25 − log(1 + e^{−0.5 + 0.5}); v = (1, 1): −2.25 − log(1 + e^{−1}).
        #expect(close(energies, [Float(-0.25 - log(2.0)), Float(-2.25 - log(1 + exp(-1.0)))]))
    }

    @Test(arguments: [VisibleUnits.bernoulli, .gaussian])
    func freeEnergyAndGradientsMatchPyTorch(units: VisibleUnits) throws {
        let fixture = try RBMFixture.load()
        let reference = try #require(fixture.cases[units.rawValue])
        let machine = try fixture.machine(units)
        let positive = reference.positive.tensor, negative = reference.negative.tensor
        #expect(close(machine.freeEnergy(positive).values, reference.freeEnergy))
        let estimate = ContrastiveDivergence.statistics(
            machine, positive: positive, positiveInput: machine.hiddenInput(positive),
            negative: negative, negativeInput: machine.hiddenInput(negative))
        #expect(abs(estimate.freeEnergyGap - reference.gap) <= 1e-5 * Swift.max(1, abs(reference.gap)))
        for expected in reference.gradients {
            let gradient = try #require(estimate.gradients[expected.name])
            #expect(gradient.shape == expected.shape, "\(expected.name)")
            #expect(close(gradient.values, expected.values), "\(expected.name)")
        }
    }

    @Test(arguments: [VisibleUnits.bernoulli, .gaussian])
    func exactLogZMatchesBruteForceEnumeration(units: VisibleUnits) throws {
        let fixture = try RBMFixture.load()
        let reference = try #require(fixture.cases[units.rawValue])
        let logZ = try PartitionFunction.exact(try fixture.machine(units))
        #expect(abs(logZ - reference.logZ) <= 1e-5 * abs(reference.logZ))
    }

    @Test func exactLogZRefusesTooManyHiddenUnits() {
        let error = #expect(throws: PartitionFunctionError.self) {
            try PartitionFunction.exact(RestrictedBoltzmannMachine(visible: 3, hidden: 21))
        }
        #expect(error?.description.contains("at most 20 hidden units, got 21") == true)
    }

    /// A 30 × 12 RBM with weights large enough to give a rugged distribution.
    private func smallMachine(_ units: VisibleUnits = .bernoulli) -> RestrictedBoltzmannMachine {
        withOwnGenerator(seed: 21) {
            let machine = RestrictedBoltzmannMachine(visible: 30, hidden: 12, visibleUnits: units, weightStd: units == .bernoulli ? 0.5 : 0.1)
            machine.visibleBias.assign(Tensor.randn([30], std: units == .bernoulli ? 1 : 0.5))
            machine.hiddenBias.assign(Tensor.randn([12], std: 0.5))
            return machine
        }
    }

    @Test(arguments: [VisibleUnits.bernoulli, .gaussian])
    func annealedImportanceSamplingEstimatesZWithinOnePercent(units: VisibleUnits) throws {
        let machine = smallMachine(units)
        let exact = try PartitionFunction.exact(machine)
        let estimate = AnnealedImportanceSampling(intermediate: 2_000, runs: 100, seed: 3)
            .estimate(machine, baseVisibleBias: units == .bernoulli ? machine.visibleBias.values : nil)
        // |Ẑ/Z − 1| ≤ 1%.
        #expect(abs(exp(estimate.logZ - exact) - 1) <= 0.01, "AIS \(estimate.logZ), exact \(exact)")
        #expect(estimate.logZLow <= exact && exact <= estimate.logZHigh, "\(estimate.logZLow) … \(estimate.logZHigh) vs \(exact)")
    }

    @Test func baseRateBiasIsTheLogOddsOfTheClampedMeans() {
        let bias = AnnealedImportanceSampling.baseRateBias(visibleMeans: [0.5, 0.75, 0, 1])
        #expect(close(bias, [0, Float(log(3.0)), Float(log(0.005 / 0.995)), Float(log(0.995 / 0.005))]))
    }

    @Test func aGibbsStepFollowsSaturatedConditionalsByHand() {
        // Hidden unit j copies visible unit j (weights ±20); visible units then copy the hidden ones.
        let machine = RestrictedBoltzmannMachine(visible: 2, hidden: 2)
        machine.weight.assign(Tensor([40, 0, 0, 40], shape: [2, 2]))
        machine.hiddenBias.assign(Tensor([-20, -20]))
        machine.visibleBias.assign(Tensor([-20, -20]))
        var generator = RandomGenerator(seed: 1)
        let v = machine.gibbs(from: Tensor([1, 0, 0, 1], shape: [2, 2]), steps: 3, generator: &generator)
        #expect(v.values == [1, 0, 0, 1])
    }

    private func rbm(_ options: [String: String], batch: Int = 8) throws -> RBM {
        // A generator of the test's own: tests run in parallel, and another one drawing from the global generator
        // between its seed and these draws would give two calls different weights.
        let configuration = RunConfiguration(model: "rbm", dataset: "tiny", epochs: 1, batchSize: batch, seed: 4, learningRates: [:],
                                             options: ["hidden": "16", "sample_steps": "5"].merging(options) { $1 })
        let model = try withOwnGenerator(seed: 4) { try ModelCatalog.entry(named: "rbm").makeModel(configuration) }
        return try #require(model as? RBM)
    }

    @Test func theEnergyAnomalyScoreIsTheFreeEnergyOfEachImage() throws {
        let model = try rbm([:])
        let images = digits()
        let score = try #require(model.anomalyScores.first { $0.name == "energy" })
        #expect(score(images).values == model.machine.freeEnergy(images).values)
    }

    private func digits(_ count: Int = 8) -> Tensor {
        var generator = RandomGenerator(seed: 5)
        return Tensor.uniform([count, 1, 28, 28], low: 0, high: 1, generator: &generator)
    }

    @Test(arguments: [1, 3])
    func persistentChainsContinueWithKGibbsStepsPerUpdate(k: Int) throws {
        let trained = try rbm(["persistent": "true", "chains": "5", "k": "\(k)"])
        let copy = try rbm(["persistent": "true", "chains": "5", "k": "\(k)"])
        let images = digits()
        var generator = RandomGenerator(seed: 9)
        var expected = generator
        let before = trained.state.persistentChain.values
        _ = trained.step(real: images, generator: &generator)
        _ = trained.training.binarization.apply(copy.machine.flat(images), generator: &expected)
        let chain = copy.machine.gibbs(from: Tensor(before, shape: [5, 784]), steps: k, generator: &expected)
        #expect(trained.state.persistentChain.values == chain.values)
        #expect(generator == expected)
        #expect(trained.state.persistentChain.values != before)
    }

    @Test func contrastiveDivergenceStartsItsChainsAtTheDataAndUpdatesBySGD() throws {
        let trained = try rbm(["k": "2", "momentum": "0", "weight_decay": "0.5", "binarize": "threshold"])
        let copy = try rbm(["k": "2", "momentum": "0", "weight_decay": "0.5", "binarize": "threshold"])
        let images = digits()
        var generator = RandomGenerator(seed: 9)
        var expected = generator
        let chainBefore = trained.state.persistentChain.values
        let loss = trained.step(real: images, generator: &generator).losses["loss"]!
        let data = copy.machine.flat(images).greater(0.5)
        let negative = copy.machine.gibbs(from: data, steps: 2, generator: &expected)
        let estimate = ContrastiveDivergence.statistics(copy.machine, positive: data, positiveInput: copy.machine.hiddenInput(data),
                                                        negative: negative, negativeInput: copy.machine.hiddenInput(negative))
        #expect(abs(loss - estimate.freeEnergyGap) <= 1e-4 * Swift.max(1, abs(loss)))
        let rate: Float = 0.05
        let weight = copy.machine.weight - rate * (estimate.gradients["W"]! + 0.5 * copy.machine.weight)
        let hiddenBias = copy.machine.hiddenBias - rate * estimate.gradients["h_bias"]!
        #expect(close(trained.machine.weight.values, weight.values))
        #expect(close(trained.machine.hiddenBias.values, hiddenBias.values))
        #expect(trained.state.persistentChain.values == chainBefore)
    }

    @Test func learningRateStaysForNStepsThenFallsLinearlyOverNStepsDecay() throws {
        let decaying = try rbm(["n_steps": "2", "n_steps_decay": "3"])
        let constant = try rbm([:])
        let images = digits()
        var generator = RandomGenerator(seed: 3)
        var rates: [Float] = [], constantRates: [Float] = []
        for _ in 0..<6 {
            _ = decaying.step(real: images, generator: &generator)
            _ = constant.step(real: images, generator: &generator)
            rates.append(decaying.optimizer.learningRate)
            constantRates.append(constant.optimizer.learningRate)
        }
        // 0.05 · (1 − max(0, step + 1 − 2) / 4) at steps 0…5, as LinearDecayLR (CycleGAN's rule).
        #expect(close(rates, [0.05, 0.05, 0.0375, 0.025, 0.0125, 0]))
        #expect(constantRates == Array(repeating: 0.05, count: 6))
        let weight = decaying.machine.weight.values
        _ = decaying.step(real: images, generator: &generator)
        #expect(decaying.machine.weight.values == weight, "at a rate of 0 the update leaves W as it is")
    }

    @Test func sparsityPenaltyPullsHiddenActivityTowardTheTarget() throws {
        let images = digits()
        func activity(_ options: [String: String]) throws -> Float {
            let model = try rbm(options)
            var generator = RandomGenerator(seed: 2)
            for _ in 0..<30 { _ = model.step(real: images, generator: &generator) }
            return model.machine.hiddenProbabilities(model.machine.flat(images).greater(0.5)).mean().item
        }
        let free = try activity([:]), sparse = try activity(["sparsity_target": "0.05", "sparsity_cost": "1"])
        #expect(sparse < free && sparse < 0.2, "free \(free), sparse \(sparse)")
    }

    @Test func hiddenRepresentationIsTheHiddenProbabilities() throws {
        let model = try rbm([:])
        let images = digits(4)
        let hidden = try #require(model.representations.first { $0.name == "hidden" })
        #expect(hidden(images).shape == [4, 16])
        #expect(hidden(images).values == model.machine.hiddenProbabilities(images).values)
    }

    @Test func generationIsDeterministicInItsLatentVectors() throws {
        let model = try rbm([:])
        var generator = RandomGenerator(seed: 6)
        let z = Tensor.randn([3, 784], generator: &generator)
        let a = model.generate(z), b = model.generate(z)
        #expect(a.shape == [3, 784] && a.values == b.values)
        #expect(a.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func evaluationMeasuresFreeEnergyReconstructionAndPseudoLikelihood() throws {
        let model = try rbm(["binarize": "threshold"])
        let images = digits(12)
        let measured = model.evaluate(try DataLoader(images, batchSize: 5))
        let v = model.machine.flat(images).greater(0.5)
        let freeEnergy = model.machine.freeEnergy(v).mean().item
        #expect(abs(measured["val_free_energy"]! - freeEnergy) <= 1e-4 * abs(freeEnergy))
        let reconstruction = (model.machine.visibleMean(model.machine.hiddenProbabilities(v)) - v).square().sum().item / 12
        #expect(abs(measured["val_reconstruction_error"]! - reconstruction) <= 1e-4 * reconstruction)
        let pseudo = try #require(measured["val_pseudo_likelihood"])
        #expect(pseudo < 0 && pseudo.isFinite)
    }

    @Test(arguments: [
        (["k": "0"], "option k is \"0\""),
        (["persistent": "yes"], "option persistent is \"yes\"; expected true or false"),
        (["visible": "gaussian"], "visible=gaussian takes real values; set binarize=none"),
        (["binarize": "otsu"], "option binarize is \"otsu\"; expected one of stochastic, threshold, none"),
        (["sparsity_target": "1.5"], "option sparsity_target is \"1.5\""),
        (["hidden": "-3"], "option hidden is \"-3\""),
        (["n_steps_decay": "-1"], "option n_steps_decay is \"-1\""),
    ])
    func badOptionsAreClearErrors(options: [String: String], message: String) {
        let error = #expect(throws: TrainingError.self) { try rbm(options) }
        #expect(error.map { String(describing: $0).contains(message) } == true, "\(String(describing: error))")
    }

    @Test func resumedPersistentRunEndsBitIdenticalToAnUninterruptedOne() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let configuration = RunConfiguration(
            model: "rbm", dataset: "tiny", epochs: 2, batchSize: 8, seed: 7, learningRates: [:], checkpointEverySteps: 3,
            options: ["hidden": "16", "persistent": "true", "chains": "4", "sparsity_target": "0.1", "sample_steps": "2"])
        let loader = { try DataLoader(self.digits(32), batchSize: 8, shuffle: true, seed: 3) }
        let make = { (c: RunConfiguration) in try ModelCatalog.entry(named: "rbm").makeModel(c) }
        let whole = try Trainer(directory: root.appendingPathComponent("whole"), configuration: configuration, data: try loader(), makeModel: make)
        try whole.train()
        let parted = root.appendingPathComponent("parted")
        do {
            let first = try Trainer(directory: parted, configuration: configuration, data: try loader(), makeModel: make)
            for _ in 0..<5 { _ = try first.trainStep() }
        }
        let resumed = try Trainer(directory: parted, configuration: configuration, data: try loader(), resume: true, makeModel: make)
        #expect(resumed.completedSteps == 3)
        try resumed.train()
        let a = try #require(whole.model as? RBM), b = try #require(resumed.model as? RBM)
        #expect(bits(a.machine) == bits(b.machine))
        #expect(bits(a.state) == bits(b.state))
        #expect(bits(a.optimizer) == bits(b.optimizer))
        #expect(a.machine.stateDict().map(\.0) == ["W", "v_bias", "h_bias"])
    }
}

@Suite struct RBMFilterTests {
    @Test func filtersAreTheWeightRowsScaledAroundMidGrey() {
        let machine = RestrictedBoltzmannMachine(visible: 4, hidden: 3)
        machine.weight.assign(Tensor([1, -2, 0, 0.5, 0, 0, 0, 0, 3, 3, -3, 0], shape: [3, 4]))
        let filters = machine.filterImages(count: 2)
        #expect(filters.shape == [2, 1, 2, 2])
        #expect(filters.values == [0.75, 0, 0.5, 0.625, 0.5, 0.5, 0.5, 0.5])
    }
}
