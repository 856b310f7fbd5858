import Foundation
import LatentModels
import LatentNN
import LatentTestSupport
import Testing

// The DBN: greedy layer schedule, the lower bound against exact log-likelihoods of small nets, fine-tuning's start
// from the pretrained weights, options.

@Suite(.serialized) struct DBNTests {
    private func dbn(_ options: [String: String], learningRates: [String: Float] = [:]) throws -> DBN {
        // A generator of the test's own, which tests of other suites running in parallel cannot draw from.
        let configuration = RunConfiguration(model: "dbn", dataset: "tiny", epochs: 1, batchSize: 8, seed: 8, learningRates: learningRates,
                                             options: ["layers": "12,6", "sample_steps": "3"].merging(options) { $1 })
        let model = try withOwnGenerator(seed: 8) { try ModelCatalog.entry(named: "dbn").makeModel(configuration) }
        return try #require(model as? DBN)
    }

    private func digits(_ count: Int = 8) -> Tensor {
        var generator = RandomGenerator(seed: 5)
        return Tensor.uniform([count, 1, 28, 28], low: 0, high: 1, generator: &generator)
    }

    @Test func pretrainingTrainsOneLayerAtATimeInOrder() throws {
        let model = try dbn(["layer_steps": "2"])
        var generator = RandomGenerator(seed: 1)
        var changed: [[Bool]] = []
        for _ in 0..<5 {
            let before = model.net.layers.map { $0.weight.values }
            let layer = model.step(real: digits(), generator: &generator).measurements["layer"]
            changed.append(zip(before, model.net.layers).map { $0 != $1.weight.values })
            #expect(layer != nil)
        }
        #expect(changed == [[true, false], [true, false], [false, true], [false, true], [false, true]])
    }

    @Test func eachLayersRateFallsOverTheEndOfItsShare() throws {
        let model = try dbn(["layer_steps": "3", "layer_steps_decay": "2"])
        var generator = RandomGenerator(seed: 1)
        var rates: [Float] = []
        for _ in 0..<7 {
            _ = model.step(real: digits(), generator: &generator)
            rates.append(model.optimizer.learningRate)
        }
        // Per layer: 0.05 · (1 − max(0, t + 1 − 1) / 3) at its own updates t = 0, 1, 2; the top layer's fourth is at 0.
        let share: [Float] = [0.05, 0.05 * 2 / 3, 0.05 / 3]
        #expect(zip(rates, share + share + [0]).allSatisfy { abs($0 - $1) <= 1e-7 }, "\(rates)")
        let constant = try dbn(["layer_steps": "3"])
        _ = constant.step(real: digits(), generator: &generator)
        #expect(constant.optimizer.learningRate == 0.05)
    }

    @Test func layersTakeSharesOfTheirOwnWhenListed() throws {
        let model = try dbn(["layer_steps": "2,3", "layer_steps_decay": "1,2"])
        #expect(model.pretrainingSteps == 5)
        var generator = RandomGenerator(seed: 1)
        var changed: [[Bool]] = [], rates: [Float] = []
        for _ in 0..<6 {
            let before = model.net.layers.map { $0.weight.values }
            _ = model.step(real: digits(), generator: &generator)
            changed.append(zip(before, model.net.layers).map { $0 != $1.weight.values })
            rates.append(model.optimizer.learningRate)
        }
        #expect(changed == [[true, false], [true, false], [false, true], [false, true], [false, true], [false, false]])
        // Layer 0: 0.05 · (1 − max(0, t) / 2) at t = 0, 1; layer 1: 0.05 · (1 − max(0, t) / 3) at t = 0...3.
        let expected: [Float] = [0.05, 0.025, 0.05, 0.05 * 2 / 3, 0.05 / 3, 0]
        #expect(zip(rates, expected).allSatisfy { abs($0 - $1) <= 1e-7 }, "\(rates)")
    }

    @Test func fineTuningRateFallsAfterItsConstantSteps() throws {
        let options = ["layers": "64,32", "layer_steps": "1", "fine_tune": "true", "fine_tune_steps": "1", "fine_tune_steps_decay": "2"]
        let model = try dbn(options, learningRates: ["classifier": 1])
        let fineTuning = try #require(model.fineTuning)
        var generator = RandomGenerator(seed: 2)
        let labels = [0, 1, 2, 3, 0, 1, 2, 3]
        var rates: [Float] = [], last: [String: [Float]] = [:]
        for _ in 0..<6 {
            last = Dictionary(uniqueKeysWithValues: fineTuning.classifier.namedParameters().map { ($0.name, $0.tensor.values) })
            _ = model.step(real: digits(), labels: labels, generator: &generator)
            rates.append(fineTuning.optimizer.learningRate)
        }
        // Two pretraining updates, then 1 · (1 − max(0, t) / 3) at the classifier's updates t = 0...3.
        #expect(zip(rates.dropFirst(2), [1, 2 / 3, 1 / 3, 0] as [Float]).allSatisfy { abs($0 - $1) <= 1e-6 }, "\(rates)")
        #expect(fineTuning.classifier.namedParameters().allSatisfy { last[$0.name] == $0.tensor.values }, "a rate of 0 changes nothing")
        let constant = try dbn(["layers": "64,32", "layer_steps": "1", "fine_tune": "true"], learningRates: ["classifier": 1])
        for _ in 0..<4 { _ = constant.step(real: digits(), labels: labels, generator: &generator) }
        #expect(constant.fineTuning?.optimizer.learningRate == 1)
    }

    @Test func fineTuningWeightDecayIsTheClassifierOptimizers() throws {
        let decayed = try dbn(["layers": "64,32", "fine_tune": "true", "fine_tune_weight_decay": "0.001"])
        #expect(decayed.fineTuning?.optimizer.weightDecay == 0.001)
        #expect(try dbn(["layers": "64,32", "fine_tune": "true"]).fineTuning?.optimizer.weightDecay == 0)
    }

    @Test func fineTuningDropoutDropsInTrainingOnlyAndKeepsTheWeightsInPlace() throws {
        let model = try dbn(["layers": "64,32", "layer_steps": "1", "fine_tune": "true", "fine_tune_dropout": "0.5",
                             "fine_tune_input_dropout": "0.2", "classes": "4"])
        let fineTuning = try #require(model.fineTuning)
        // Dropout on the pixels, then Linear, Sigmoid, Dropout per layer, then the linear layer to the logits.
        #expect(fineTuning.classifier.count == 8)
        #expect(model.labelledClassCount == 4)
        model.initializeClassifier()
        let parameters = Dictionary(uniqueKeysWithValues: fineTuning.classifier.namedParameters().map { ($0.name, $0.tensor.values) })
        #expect(parameters["1.weight"] == model.net.layers[0].weight.values)
        #expect(parameters["4.bias"] == model.net.layers[1].hiddenBias.values)
        #expect(parameters["7.weight"]?.count == 4 * 32)
        let x = model.net.layers[0].flat(digits())
        let evaluated = fineTuning.classifier.inEvaluationMode { fineTuning.classifier(x).values }
        #expect(fineTuning.classifier.inEvaluationMode { fineTuning.classifier(x).values } == evaluated)
        let trained = withOwnGenerator(seed: 3) { fineTuning.classifier(x).values }
        #expect(trained != evaluated, "dropout changes the logits in training mode")
    }

    /// A DBN of 6 visible, 4 and 3 hidden units with weights large enough to matter.
    private func smallNet() -> DeepBeliefNet {
        withOwnGenerator(seed: 30) {
            let net = DeepBeliefNet(visible: 6, sizes: [4, 3])
            for layer in net.layers {
                layer.weight.assign(Tensor.randn(layer.weight.shape, std: 1))
                layer.visibleBias.assign(Tensor.randn([layer.visibleCount], std: 0.5))
                layer.hiddenBias.assign(Tensor.randn([layer.hiddenCount], std: 0.5))
            }
            return net
        }
    }

    /// log p(v) of the two-layer DBN by enumeration: Σ over h₁ of p(v | h₁) e^{−F_top(h₁)} / Z_top.
    private func exactLogLikelihood(_ net: DeepBeliefNet, _ v: [Float]) throws -> Double {
        let logZ = try PartitionFunction.exact(net.top)
        var total = 0.0
        for code in 0..<16 {
            let h = Tensor((0..<4).map { Float(code >> $0 & 1) }, shape: [1, 4])
            let p = net.layers[0].visibleMean(h).values
            let likelihood = zip(v, p).reduce(1.0) { $0 * Double($1.0 == 1 ? $1.1 : 1 - $1.1) }
            total += likelihood * exp(-Double(net.top.freeEnergy(h).item) - logZ)
        }
        return log(total)
    }

    @Test func lowerBoundStaysBelowTheExactLogLikelihoodAndNearIt() throws {
        let net = smallNet()
        let v: [Float] = [1, 0, 1, 1, 0, 0]
        let exact = try exactLogLikelihood(net, v)
        var generator = RandomGenerator(seed: 4)
        let draws = net.boundPlusLogZ(Tensor(Array(repeating: v, count: 4000).flatMap { $0 }, shape: [4000, 6]), generator: &generator)
        let bound = draws.reduce(0, +) / Double(draws.count) - (try PartitionFunction.exact(net.top))
        #expect(bound <= exact + 0.02, "bound \(bound), exact \(exact)")
        #expect(bound >= exact - 2, "bound \(bound), exact \(exact)")
    }

    @Test func oneLayerBoundIsMinusTheFreeEnergy() {
        let net = withOwnGenerator(seed: 3) { DeepBeliefNet(visible: 5, sizes: [4]) }
        let v = Tensor([1, 0, 1, 1, 0, 0, 0, 1, 1, 1], shape: [2, 5])
        var generator = RandomGenerator(seed: 1)
        let bound = net.boundPlusLogZ(v, generator: &generator)
        let expected = net.top.freeEnergy(v).values.map { -Double($0) }
        #expect(zip(bound, expected).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test func fineTuningStartsFromThePretrainedWeightsAndLearnsTheLabels() throws {
        let model = try dbn(["layers": "64,32", "layer_steps": "1", "fine_tune": "true"], learningRates: ["classifier": 1])
        var generator = RandomGenerator(seed: 2)
        // Class c lights rows 7c..<7c + 7.
        let labels = [0, 1, 2, 3, 0, 1, 2, 3]
        let images = Tensor(labels.flatMap { c in (0..<784).map { $0 / 28 / 7 == c ? Float(1) : 0 } }, shape: [8, 1, 28, 28])
        for _ in 0..<2 { _ = model.step(real: images, labels: labels, generator: &generator) }
        let fineTuning = try #require(model.fineTuning)
        model.initializeClassifier()
        let parameters = Dictionary(uniqueKeysWithValues: fineTuning.classifier.namedParameters().map { ($0.name, $0.tensor.values) })
        #expect(parameters["0.weight"] == model.net.layers[0].weight.values)
        #expect(parameters["2.bias"] == model.net.layers[1].hiddenBias.values)
        let first = model.step(real: images, labels: labels, generator: &generator).losses["loss"]!
        var last = first
        for _ in 0..<100 { last = model.step(real: images, labels: labels, generator: &generator).losses["loss"]! }
        #expect(last < 0.5 * first, "\(first) → \(last)")
        #expect(model.net.layers[0].weight.values == parameters["0.weight"])
    }

    @Test func samplesAreImagesOfProbabilities() throws {
        let model = try dbn([:])
        var generator = RandomGenerator(seed: 6)
        let samples = model.generate(Tensor.randn([3, 12], generator: &generator))
        #expect(samples.shape == [3, 784] && samples.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test(arguments: [
        (["layers": "500,,2000"], "option layers is \"500,,2000\""),
        (["layers": "0"], "option layers is \"0\""),
        (["layer_steps": "0"], "option layer_steps is \"0\""),
        (["layer_steps": "10", "layer_steps_decay": "11"], "option layer_steps_decay is \"11\"; expected a whole number in 0...10"),
        (["fine_tune": "maybe"], "option fine_tune is \"maybe\""),
        (["layer_steps": "10,20,30"], "option layer_steps is \"10,20,30\"; expected one whole number or 2 comma-separated ones"),
        (["layer_steps": "10,20", "layer_steps_decay": "5,21"], "option layer_steps_decay is \"5,21\"; expected a whole number in 0...20 as number 2"),
        (["fine_tune_steps_decay": "-1"], "option fine_tune_steps_decay is \"-1\""),
        (["fine_tune_weight_decay": "2"], "option fine_tune_weight_decay is \"2\""),
        (["fine_tune_dropout": "1"], "option fine_tune_dropout is \"1\""),
        (["fine_tune_input_dropout": "-0.1"], "option fine_tune_input_dropout is \"-0.1\""),
    ])
    func badOptionsAreClearErrors(options: [String: String], message: String) {
        let error = #expect(throws: TrainingError.self) { try dbn(options) }
        #expect(error.map { String(describing: $0).contains(message) } == true, "\(String(describing: error))")
    }
}
