import Foundation
import LatentModels
import LatentNN

// Three training steps of the catalog's dcgan on random images, then three of a linear regression
// written against LatentNN; exits with status 1 unless every loss is finite and the regression's falls.

OpenMPWaitPolicy.preferPassive()
Threads.set(2)

let configuration = RunConfiguration(
    model: "dcgan", dataset: "mnist", epochs: 1, batchSize: 8, seed: 3, learningRates: [:])
let entry = try ModelCatalog.entry(named: configuration.model)
let model = try entry.makeModel(configuration)
var noise = RandomGenerator(seed: 3)
for step in 1...3 {
    let real = Tensor.randn([configuration.batchSize] + entry.sampleShape).tanh()
    let outcome = model.step(real: real, generator: &noise)
    print("dcgan step \(step): \(outcome.losses.sorted { $0.key < $1.key })")
    guard outcome.losses.values.allSatisfy(\.isFinite) else { exit(1) }
}

let regression = Linear(4, 1)
let optimizer = Adam(learningRate: 0.05)
let inputs = Tensor.randn([32, 4])
let targets = inputs.sum(axis: 1, keepDims: true)
var losses: [Float] = []
for _ in 1...3 {
    let (loss, gradients) = valueAndGrad(of: regression) { mseLoss($0(inputs), targets) }
    optimizer.update(regression, with: gradients)
    losses.append(loss.item)
}
print("regression losses: \(losses)")
guard losses.allSatisfy(\.isFinite), losses[2] < losses[0] else { exit(1) }
