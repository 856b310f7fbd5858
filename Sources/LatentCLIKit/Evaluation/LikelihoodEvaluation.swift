import Foundation
import LatentData
import LatentModels

/// `latent eval RUN --metrics log_likelihood`: the mean test log-likelihood of a run whose model estimates one
/// (an RBM; a DBN's lower bound), log Z by annealed importance sampling from a base model of the training split.
struct LikelihoodEvaluation {
    /// The metric's name in `--metrics`.
    static let metric = "log_likelihood"

    let run: TrainedRun
    let sampling: AnnealedImportanceSampling
    let dataDirectory: String?

    /// The estimate's values keyed as `metrics.jsonl` logs them; throws when the run's model has no likelihood
    /// or its data set no test split.
    func evaluate() throws -> [String: Double] {
        guard let model = run.model as? LikelihoodEstimating else {
            throw CommandFailure("model \(run.entry.name) of \(run.directory.path) has no log-likelihood to estimate; "
                + "--metrics log_likelihood needs an rbm or dbn run")
        }
        let dataset = run.configuration.dataset
        guard try DatasetCatalog.entry(dataset).hasTestSplit else {
            throw CommandFailure("data set \(dataset) has no test split to measure the log-likelihood on")
        }
        let directory = dataDirectory ?? run.configuration.dataDirectory
        let test = try run.entry.evaluationLoader(DatasetCatalog().load(dataset, split: .test, dataDirectory: directory))
        let train = try run.entry.evaluationLoader(DatasetCatalog().load(dataset, split: .train, dataDirectory: directory))
        return try model.estimateLogLikelihood(test: test, train: train, sampling: sampling).logged
    }

    /// The AIS estimate (Salakhutdinov & Murray's 14,500 distributions, 100 runs) of the finished run in `run`:
    /// the log-likelihood, its ±3σ ends and log Z, also recorded in its metrics.
    static func estimate(run directory: URL) throws -> (logLikelihood: Double, low: Double, high: Double, logZ: Double) {
        let run = try TrainedRun(directory: directory, requireGenerator: false)
        let values = try LikelihoodEvaluation(run: run, sampling: AnnealedImportanceSampling(), dataDirectory: nil).evaluate()
        try EvaluationRecord.append(values, to: run)
        guard let value = values["eval_log_likelihood"], let logZ = values["eval_log_z"] else {
            throw CommandFailure("\(directory.path): the AIS estimate of log Z is not finite")
        }
        return (value, values["eval_log_likelihood_low"] ?? -.infinity, values["eval_log_likelihood_high"] ?? .infinity, logZ)
    }
}
