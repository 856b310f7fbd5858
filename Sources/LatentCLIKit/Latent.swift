import ArgumentParser
import Foundation
import LatentModels
import LatentTensor

/// `latent`: train the catalog's generative models, sample from trained runs, list the models.
///
/// The `latent` executable is `Latent.main()`. A program built on Latent gets every command for its own
/// models too by registering them first:
///
/// ```swift
/// import LatentCLIKit
///
/// Latent.main(registering: [TinyAutoencoder.entry])
/// ```
public struct Latent: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "latent",
        abstract: "Train generative models and sample from them.",
        discussion: """
            A training run lives in one directory (runs/MODEL by default): config.yaml, run.json, metrics.jsonl, \
            checkpoints/, samples/, histograms/ and a TensorBoard event file. See docs/cli.md.
            """,
        subcommands: [Train.self, Sample.self, Report.self, Eval.self, Reproduce.self, Cluster.self, Probe.self, Encode.self, Classify.self, Translate.self, Fit.self, Anomaly.self, Embed.self, ClassifierCommand.self, Models.self, DataCommand.self])

    public init() {}

    /// Adds `models` to `ModelCatalog` (stopping with a message naming a model whose name is taken), then
    /// parses the command line and runs the command as `main()` does.
    public static func main(registering models: [ModelEntry]) {
        do {
            for model in models { try ModelCatalog.register(model) }
        } catch {
            Console.error("\(configuration.commandName ?? "latent"): error: \(error)")
            Foundation.exit(1)
        }
        main()
    }

    /// Parses the command line and runs the command. A `CommandFailure` prints one line on standard
    /// error and exits with its status; ArgumentParser's own errors (bad flags, with the usage after them) start
    /// with the same `latent: error: ` prefix; help and version print as ArgumentParser prints them.
    public static func main() {
        OpenMPWaitPolicy.preferPassive()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Console.error(errorPrefix + failure.message)
            Foundation.exit(failure.status)
        } catch {
            let message = fullMessage(for: error)
            let status = exitCode(for: error)
            guard !status.isSuccess, message.hasPrefix("Error: ") else { exit(withError: error) }
            Console.error(errorPrefix + message.dropFirst("Error: ".count))
            Foundation.exit(status.rawValue)
        }
    }

    /// The start of every error message: `latent: error: `.
    static let errorPrefix = "latent: error: "
}
