import ArgumentParser

/// `latent fit`: classical models fitted to a data set's images or a run's codes.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a PCA or a Gaussian mixture to a data set's images or a run's codes.",
        subcommands: [FitPCA.self, FitGMM.self])
}
