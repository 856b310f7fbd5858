import LatentTensor

extension Module {
    /// `body` run with the module in evaluation mode (no dropout, batch norm on its running statistics) and
    /// without gradient history; the module's mode is restored afterwards.
    public func inEvaluationMode<Result>(_ body: () throws -> Result) rethrows -> Result {
        let wasTraining = training
        eval()
        defer { train(wasTraining) }
        return try withoutGrad(body)
    }
}
