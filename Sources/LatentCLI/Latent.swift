import ArgumentParser
import Foundation
import LatentTensor

/// `latent`: train the catalog's generative models, sample from trained runs, list the models.
@main
struct Latent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latent",
        abstract: "Train generative models and sample from them.",
        discussion: """
            A training run lives in one directory (runs/MODEL by default): config.yaml, run.json, metrics.jsonl, \
            checkpoints/, samples/, histograms/ and a TensorBoard event file. See docs/cli.md.
            """,
        subcommands: [Train.self, Sample.self, Report.self, Eval.self, Reproduce.self, Cluster.self, ClassifierCommand.self, Models.self, DataCommand.self])

    /// Parses the command line and runs the command. A `CommandFailure` prints one line on standard
    /// error and exits with its status; ArgumentParser's own errors (usage, help) print as it prints them.
    static func main() {
        OpenMPWaitPolicy.preferPassive()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Console.error("latent: error: \(failure.message)")
            Foundation.exit(failure.status)
        } catch {
            exit(withError: error)
        }
    }
}
