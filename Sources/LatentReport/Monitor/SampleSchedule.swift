/// The epochs after which a training run saves a sample grid: epochs 1, 10, 20, 50 and 100, every
/// `every`-th epoch, and the last.
public struct SampleSchedule: Sendable, Equatable {
    /// The epochs that always get a grid.
    public static let milestones = [1, 10, 20, 50, 100]

    /// Epochs between grids (`sample_every_epochs`).
    public let every: Int
    /// The run's last epoch.
    public let lastEpoch: Int

    /// The schedule of a run of `lastEpoch` epochs with a grid every `every` epochs (at least 1).
    public init(every: Int, lastEpoch: Int) {
        precondition(every >= 1, "SampleSchedule: every must be at least 1, got \(every)")
        self.every = every
        self.lastEpoch = lastEpoch
    }

    /// Whether a grid is saved after epoch `epoch` (counting from 1).
    public func includes(_ epoch: Int) -> Bool {
        epoch >= 1 && (Self.milestones.contains(epoch) || epoch % every == 0 || epoch == lastEpoch)
    }
}
