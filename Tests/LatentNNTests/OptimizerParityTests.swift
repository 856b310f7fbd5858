import LatentNN
import LatentTensor
import Testing

// Optimizer trajectories against PyTorch (optimizers.json): 10 steps on a 6-value parameter `p`
// with loss sum((p - target)^2) + 0.1 * sum(p^4), the parameter compared after every step.

struct OptimizerFixture: Decodable, Sendable {
    struct Case: Decodable, Sendable {
        let name: String
        let optimizer: String
        let hyperparameters: [String: FixtureArgument]
        let losses: [Float]
        let params: [[Float]]

        func hp(_ key: String) -> FixtureArgument {
            guard let value = hyperparameters[key] else { preconditionFailure("\(name): no hyperparameter \(key)") }
            return value
        }

        var betas: (Float, Float) {
            guard case .list(let pair) = hp("betas") else { preconditionFailure("\(name): betas is not a list") }
            return (pair[0].float, pair[1].float)
        }
    }

    let loss: String
    let steps: Int
    let initial: FixtureTensor
    let target: FixtureTensor
    let cases: [Case]
}

private let optimizerFixture: OptimizerFixture = {
    do {
        return try Fixtures.load(OptimizerFixture.self, "optimizers.json")
    } catch {
        preconditionFailure("cannot read optimizers.json: \(error)")
    }
}()

private func makeOptimizer(_ c: OptimizerFixture.Case) -> any Optimizer {
    switch c.optimizer {
    case "SGD":
        return SGD(learningRate: c.hp("lr").float, momentum: c.hp("momentum").float, dampening: c.hp("dampening").float,
                   weightDecay: c.hp("weight_decay").float, nesterov: c.hp("nesterov").bool)
    case "Adam":
        return Adam(learningRate: c.hp("lr").float, betas: c.betas, eps: c.hp("eps").float,
                    weightDecay: c.hp("weight_decay").float, amsgrad: c.hp("amsgrad").bool)
    case "AdamW":
        return AdamW(learningRate: c.hp("lr").float, betas: c.betas, eps: c.hp("eps").float,
                     weightDecay: c.hp("weight_decay").float, amsgrad: c.hp("amsgrad").bool)
    case "RMSprop":
        return RMSprop(learningRate: c.hp("lr").float, alpha: c.hp("alpha").float, eps: c.hp("eps").float,
                       weightDecay: c.hp("weight_decay").float, momentum: c.hp("momentum").float,
                       centered: c.hp("centered").bool)
    default:
        preconditionFailure("no Latent optimizer \(c.optimizer)")
    }
}

@Test func optimizerFixtureCoversEveryOptimizer() {
    #expect(Set(optimizerFixture.cases.map(\.optimizer)) == ["SGD", "Adam", "AdamW", "RMSprop"])
}

@Test(arguments: optimizerFixture.cases.map(\.name))
func optimizerTrajectoryMatchesPyTorch(_ name: String) throws {
    let fixture = optimizerFixture
    #expect(fixture.loss == "sum((p - target)^2) + 0.1 * sum(p^4)")
    let c = try #require(fixture.cases.first { $0.name == name })
    #expect(c.losses.count == fixture.steps && c.params.count == fixture.steps)
    let p = fixture.initial.tensor
    let target = fixture.target.tensor
    let parameters = [NamedParameter(name: "p", tensor: p)]
    let optimizer = makeOptimizer(c)
    for step in 0..<fixture.steps {
        let (loss, grads) = valueAndGradient(at: [p]) { x in
            let fit = (x[0] - target).square().sum()
            let quartic = x[0].pow(4).sum() * 0.1
            return fit + quartic
        }
        let expectedLoss = c.losses[step]
        let tolerance: Float = 1e-4 * abs(expectedLoss) + 1e-5
        #expect(abs(loss.item - expectedLoss) <= tolerance, "\(name) loss before step \(step + 1)")
        optimizer.update(parameters, gradients: ["p": grads[0]])
        expectMatches(p, FixtureTensor(name: "p after step \(step + 1)", shape: [6], values: c.params[step]), name)
    }
    #expect(optimizer.step == fixture.steps)
}
