import Foundation

/// Why a training run could not start or go on.
public enum TrainingError: Error, CustomStringConvertible {
    /// A setting is out of range, or `config.yaml` cannot be read.
    case invalidConfiguration(String)
    /// The run directory cannot be used as asked (already holds a run, or holds a different one).
    case runDirectory(path: String, problem: String)
    /// A loss was NaN or infinite at `step`; the last good state was saved at `checkpoint`.
    case nonFiniteLoss(step: Int, losses: [String: Float], checkpoint: String)
    /// A parameter, buffer or optimizer state (`tensor`, as `part/key`) held NaN or infinity at `step` while the
    /// losses were finite; the state was put back to the checkpoint of `goodStep` at `checkpoint`, which was not
    /// replaced.
    case nonFiniteState(step: Int, tensor: String, goodStep: Int, checkpoint: String)
    /// The ranks of a data-parallel run no longer hold the same weights at `step` (a rank computed
    /// differently); every rank stops, and the latest checkpoint, rank 0's, is kept.
    case ranksDiverged(step: Int, checkpoint: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let problem):
            return "invalid run configuration: \(problem)"
        case .runDirectory(let path, let problem):
            return "run directory \(path): \(problem)"
        case .nonFiniteLoss(let step, let losses, let checkpoint):
            let values = losses.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
            return "training stopped at step \(step): a loss is not finite (\(values)); the last good state (step \(step - 1)) is saved in \(checkpoint)"
        case .nonFiniteState(let step, let tensor, let goodStep, let checkpoint):
            return "training stopped at step \(step): \(tensor) is not finite (the losses still were); "
                + "the last good state (step \(goodStep)) is kept in \(checkpoint)"
        case .ranksDiverged(let step, let checkpoint):
            return "training stopped at step \(step): the ranks' weights differ (their digests disagree), so the data-parallel "
                + "run is no longer one model; the latest checkpoint, rank 0's, is kept in \(checkpoint)"
        }
    }
}
