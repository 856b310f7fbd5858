import ArgumentParser
import Foundation
import LatentModels

/// `latent reproduce NAME`: trains what a published figure needs and checks Latent reaches it.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reproduce a published figure: train, measure, compare with the target.",
        discussion: "Each reproduction writes its runs (with reports) under --out/NAME; running it again resumes "
            + "or reuses them. docs/results.md lists the figures measured.")

    @Argument(help: "The reproduction (see --list).")
    var name: String?

    @Flag(help: "List the reproductions.")
    var list = false

    @Flag(help: "Print one JSON line: name, metric, value, target, source, passed, seconds.")
    var json = false

    @Option(help: ArgumentHelp("The folder for the runs.", valueName: "dir"))
    var out = "runs/reproduce"

    @Option(help: "The seed of every run (the first seed with --seeds).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(
        "Reproduce with the seeds S, S+1, …, S+N−1 (S from --seed), each in --out/seed-S/NAME; the JSON adds each seed's "
            + "value and their mean, standard deviation, min and max, and the target applies to the mean.", valueName: "n"))
    var seeds = 1

    @Option(help: "Kernel threads (default: the processor count).")
    var threads: Int?

    @Option(help: ArgumentHelp(
        "Labelled images, for reproductions with a label budget (improved-gan-mnist: 20, 50, 100 or 200; default 100).",
        valueName: "n"))
    var labels: Int?

    @Option(help: ArgumentHelp(
        "Train this many epochs instead of the published protocol's (reproductions that train by epochs); "
            + "the result then says it was shortened.", valueName: "n"))
    var epochs: Int?

    @Option(help: ArgumentHelp(
        "Stop each training run after this many optimizer steps (a shorter run on a small machine); the result then says it was shortened.",
        valueName: "n"))
    var steps: Int?

    @Option(help: ArgumentHelp(
        "The folder of the four Fashion-MNIST IDX files, for reproductions that train on Fashion-MNIST (default: where latent data download puts them).",
        valueName: "dir"))
    var fashionMnistDir: String?

    func validate() throws {
        guard list || name != nil else { throw ValidationError("name a reproduction, or use --list") }
        if let name, !Reproductions.all.contains(where: { $0.name == name }) {
            throw ValidationError("unknown reproduction \"\(name)\"; the reproductions are "
                + Reproductions.all.map(\.name).joined(separator: ", "))
        }
        try FlagRange.checkThreads(threads)
        try FlagRange.check(seeds, "--seeds", in: 1...Self.maximumSeeds)
        if seed > UInt64.max - UInt64(seeds - 1) {
            throw ValidationError("--seed \(seed) with --seeds \(seeds) runs past the largest seed \(UInt64.max)")
        }
        if let labels, let name, let reproduction = Reproductions.all.first(where: { $0.name == name }) {
            guard !reproduction.labelBudgets.isEmpty else {
                throw ValidationError("reproduction \"\(name)\" has no label budget; leave --labels out")
            }
            guard reproduction.labelBudgets.contains(labels) else {
                throw ValidationError("--labels must be one of \(reproduction.labelBudgets.map(String.init).joined(separator: ", ")) "
                    + "for \(name) (the published table's rows), got \(labels)")
            }
        }
        if let steps { try FlagRange.check(steps, "--steps", in: 1...Int(Int32.max)) }
        if let epochs {
            try FlagRange.check(epochs, "--epochs", in: 1...RunConfiguration.maximumEpochs)
            if let name, Reproductions.all.first(where: { $0.name == name })?.epochs == nil {
                throw ValidationError("reproduction \"\(name)\" does not train by epochs; leave --epochs out")
            }
        }
    }

    func run() throws {
        try CommandFailure.reporting {
            if list {
                for reproduction in Reproductions.all {
                    Console.out("\(reproduction.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(reproduction.summary)")
                }
                return
            }
            guard let name, let reproduction = Reproductions.all.first(where: { $0.name == name }) else { return }
            let results = try (0..<UInt64(seeds)).map { offset in
                let seed = self.seed + offset
                let folder = seeds == 1 ? URL(fileURLWithPath: out) : URL(fileURLWithPath: out).appendingPathComponent("seed-\(seed)")
                return try reproduce(reproduction, seed: seed, in: folder.appendingPathComponent(name))
            }
            var result = results[0]
            if seeds > 1 { result.summarize(seeds: Array(seed..<(seed + UInt64(seeds))), results: results) }
            if json {
                Console.out(try Self.json(result))
            } else {
                Console.out(describe(result))
            }
            if !result.passed { throw ExitCode(2) }
        }
    }

    /// `result` as one line of JSON with sorted keys; a figure that is not finite (an AIS bound that does not
    /// exist) is written as the string `"inf"`, `"-inf"` or `"nan"` rather than failing after hours of training.
    static func json(_ result: ReproductionResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// The most seeds `--seeds` takes.
    static let maximumSeeds = 100

    /// `reproduction` run with `seed` in `directory`, with standard output moved to standard error during
    /// it under `--json`.
    private func reproduce(_ reproduction: any Reproduction, seed: UInt64, in directory: URL) throws -> ReproductionResult {
        let context = ReproductionContext(
            directory: directory, seed: seed, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
            publishedEpochs: reproduction.epochs, epochsOverride: epochs, labels: labels, stepsOverride: steps,
            fashionMNISTDirectory: fashionMnistDir)
        // With --json, standard output carries only the JSON line: training's progress goes to standard error.
        let savedOutput = json ? dup(STDOUT_FILENO) : -1
        if json { dup2(STDERR_FILENO, STDOUT_FILENO) }
        let outcome = Result { try reproduction.run(context) }
        if json {
            dup2(savedOutput, STDOUT_FILENO)
            close(savedOutput)
        }
        var result = try outcome.get()
        if let published = reproduction.epochs {
            result.epochs = context.epochs
            result.shortened = context.epochs < published
        }
        if let steps {
            result.steps = steps
            result.shortened = true
        }
        return result
    }

    private func describe(_ result: ReproductionResult) -> String {
        func line(_ metric: String, _ value: Double, _ comparison: String, _ target: Double, _ passed: Bool) -> String {
            "  \(passed ? "PASS" : "FAIL")  \(metric): \(String(format: "%.4f", value)) (target \(comparison) \(target))"
        }
        var lines = ["\(result.name): \(result.passed ? "reproduced" : "NOT reproduced") in \(Int(result.seconds)) s"]
        let headlinePassed = result.comparison == "<=" ? result.value <= result.target : result.value >= result.target
        lines.append(line(result.metric, result.value, result.comparison, result.target, headlinePassed))
        lines += result.checks.map { line($0.metric, $0.value, $0.comparison, $0.target, $0.passed) }
        lines += result.figures.sorted { $0.key < $1.key }.map { "  info  \($0.key): \(String(format: "%.4f", $0.value))" }
        if let epochs = result.epochs, result.shortened {
            lines.append("  shortened: \(epochs) epochs instead of the published protocol's")
        }
        if let spread = result.seeds {
            let values = zip(spread.seeds, spread.values).map { "seed \($0): \(String(format: "%.4f", $1))" }.joined(separator: ", ")
            lines.append("  seeds: mean \(String(format: "%.4f", spread.mean)) ± \(String(format: "%.4f", spread.std)) "
                + "(min \(String(format: "%.4f", spread.min)), max \(String(format: "%.4f", spread.max))); \(values)")
        }
        lines.append("  source: \(result.source)")
        lines += result.runs.map { "  run: \($0) (report: \($0)/report.html)" }
        return lines.joined(separator: "\n")
    }
}
