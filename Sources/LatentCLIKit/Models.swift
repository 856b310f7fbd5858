import ArgumentParser
import LatentModels

/// `latent models`: the models `latent train` knows.
struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the models that can be trained.",
        discussion: """
            Each line gives a model's name, its aliases and what it is. --details adds where it comes from, its \
            defaults, and the options `latent train --option NAME=VALUE` accepts.

            Examples:
              latent models
              latent models --details
            """)

    @Flag(help: "Also show each model's details, defaults and options.")
    var details = false

    func run() {
        let width = ModelCatalog.all.map { Self.names($0).count }.max() ?? 0
        for entry in ModelCatalog.all {
            let names = Self.names(entry)
            Console.out(names + String(repeating: " ", count: width - names.count) + "  " + entry.summary)
            if details { Console.out(Self.details(entry)) }
        }
    }

    /// `dcgan (dcgan-mnist)`.
    static func names(_ entry: ModelEntry) -> String {
        entry.aliases.isEmpty ? entry.name : "\(entry.name) (\(entry.aliases.joined(separator: ", ")))"
    }

    /// The indented details of `entry`: its description, defaults and options.
    static func details(_ entry: ModelEntry) -> String {
        var lines: [String] = []
        if !entry.details.isEmpty { lines.append(entry.details) }
        let rates = entry.defaultLearningRates.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("defaults: dataset \(entry.defaultDataset), \(entry.defaultEpochs) epochs, batch \(entry.defaultBatchSize), "
            + "learning rates \(rates)\(entry.defaultLabels.map { ", \($0) labelled images (--labels)" } ?? ""); "
            + "samples of shape \(entry.sampleShape)\(entry.dataShape == nil ? "" : " by default, else the data's channels and size")")
        let options = entry.allOptions.filter { $0.name != ModelOption.syncBatchNorm.name }
        if options.isEmpty {
            lines.append("options: none")
        } else {
            lines.append("options:")
            lines += options.map { "  \($0.name) (default \($0.defaultValue)): \($0.summary)" }
        }
        return lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}
