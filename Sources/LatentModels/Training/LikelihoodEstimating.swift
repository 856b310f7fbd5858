import LatentData

/// A model whose log-likelihood of held-out data can be estimated: an RBM (exactly up to its log partition
/// function, estimated by AIS), a DBN (a lower bound).
public protocol LikelihoodEstimating: AnyObject {
    /// The mean log-likelihood per image of `test` in nats, with its log partition function estimated by
    /// `sampling`, annealing from a base model fitted to `train`.
    func estimateLogLikelihood(test: DataLoader, train: DataLoader, sampling: AnnealedImportanceSampling) throws -> LogLikelihoodEstimate
}

/// An estimated mean test log-likelihood and the log partition function behind it.
public struct LogLikelihoodEstimate: Sendable {
    /// The mean log-likelihood (or its lower bound) per image, in nats.
    public let logLikelihood: Double
    /// The log-likelihood with log Z at the AIS estimate's +3σ and −3σ ends (low, high).
    public let logLikelihoodRange: (low: Double, high: Double)
    /// The AIS estimate of log Z.
    public let partition: AnnealedImportanceSampling.Estimate
    /// log Z by enumeration when the top RBM has at most `PartitionFunction.maximumExactHiddenUnits` hidden units.
    public let exactLogZ: Double?
    /// Whether `logLikelihood` is a lower bound (a DBN's) rather than an estimate of the value itself.
    public let isLowerBound: Bool

    /// The finite values keyed as `metrics.jsonl` logs them (a −3σ end of Ẑ below zero leaves out the high end).
    public var logged: [String: Double] {
        var values = [
            "eval_log_likelihood": logLikelihood, "eval_log_likelihood_low": logLikelihoodRange.low,
            "eval_log_likelihood_high": logLikelihoodRange.high, "eval_log_z": partition.logZ,
        ]
        if let exactLogZ { values["eval_log_z_exact"] = exactLogZ }
        return values.filter { $0.value.isFinite }
    }
}

extension RBM: LikelihoodEstimating {
    /// Mean −F(v) over `test` (binarized once with the fixed held-out seed) minus log Z, AIS annealing from the
    /// base-rate model of `train`'s binarized images.
    public func estimateLogLikelihood(test: DataLoader, train: DataLoader, sampling: AnnealedImportanceSampling) throws -> LogLikelihoodEstimate {
        let evaluation = RBMEvaluation(machine: machine, binarization: training.binarization)
        let base = machine.visibleUnits == .bernoulli
            ? AnnealedImportanceSampling.baseRateBias(visibleMeans: evaluation.visibleMeans(train)) : nil
        let partition = sampling.estimate(machine, baseVisibleBias: base)
        let exact = machine.hiddenCount <= PartitionFunction.maximumExactHiddenUnits ? try PartitionFunction.exact(machine) : nil
        let negativeFreeEnergy = evaluation.meanNegativeFreeEnergy(test)
        return LogLikelihoodEstimate(
            logLikelihood: negativeFreeEnergy - partition.logZ,
            logLikelihoodRange: (negativeFreeEnergy - partition.logZHigh, negativeFreeEnergy - partition.logZLow),
            partition: partition, exactLogZ: exact, isLowerBound: false)
    }
}
