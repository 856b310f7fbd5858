import Foundation
import LatentMetrics
import LatentTensor

/// The convolutional GANs of the catalog trained for the same epochs on MNIST and compared: FID, KID,
/// precision and recall of 10,000 samples against the test split, and training speed; for the
/// class-conditional ones, the share of samples the digit classifier assigns to the class asked for.
struct GANFamilyReproduction: Reproduction {
    let name = "gan-family-mnist"
    let summary = "dcgan, wgan, wgan-gp, lsgan, sngan, rgan, cgan, acgan on MNIST, 3 epochs each: FID, KID, precision, recall, images/s; "
        + "cgan and acgan draw the class asked for in ≥ 95% of samples; how many models yield every digit (≥ 2% each)"
    let epochs: Int? = 3
    static let models = ["dcgan", "wgan", "wgan-gp", "lsgan", "sngan", "rgan", "cgan", "acgan"]
    /// The least share of a conditional model's samples that must be classified as the class asked for.
    static let classAccuracyTarget = 0.95
    /// The share of samples each digit must reach for a model to count in `models_with_every_digit`.
    static let everyDigitShare = 0.02
    static let sampleCount = 10_000

    /// One model's row of the comparison.
    struct Row {
        let model: String
        let values: [String: Double]
        let imagesPerSecond: Double
        let smallestDigitShare: Double
    }

    func run(_ context: ReproductionContext) throws -> ReproductionResult {
        let start = Date()
        let evaluation = try DigitEvaluation(dataset: "mnist")
        var rows: [Row] = [], runs: [URL] = []
        for model in Self.models {
            let run = try context.train(model, epochs: context.epochs)
            let (values, set) = try evaluation.evaluate(run: run, count: Self.sampleCount, seed: context.seed, metrics: [.fid, .kid, .pr])
            let speeds = try context.metrics(run).series["images_per_second"]?.values.filter(\.isFinite) ?? []
            rows.append(Row(model: model, values: values, imagesPerSecond: speeds.isEmpty ? .nan : speeds.reduce(0, +) / Double(speeds.count),
                            smallestDigitShare: try evaluation.confidence(set).classShares.min() ?? 0))
            runs.append(run)
        }
        try AtomicFile.write(Data(Self.table(rows).utf8), to: context.directory.appendingPathComponent("family.md"))
        var figures: [String: Double] = [:]
        for row in rows {
            for (key, value) in row.values { figures["\(row.model)_\(key.replacingOccurrences(of: "eval_", with: ""))"] = value }
            figures["\(row.model)_images_per_second"] = row.imagesPerSecond
            figures["\(row.model)_smallest_digit_share"] = row.smallestDigitShare
        }
        figures["models_with_every_digit"] = Double(rows.filter { $0.smallestDigitShare >= Self.everyDigitShare }.count)
        let classAccuracies = rows.compactMap { $0.values[DigitEvaluation.classAccuracyKey] }
        return ReproductionResult(
            name: name,
            main: .atLeast("class accuracy of the class-conditional models (cgan, acgan), the lower", classAccuracies.min() ?? 0,
                           Self.classAccuracyTarget),
            figures: figures,
            source: "Radford et al. 2016, Arjovsky et al. 2017, Gulrajani et al. 2017, Mao et al. 2017, Miyato et al. 2018, "
                + "Jolicoeur-Martineau 2019, Mirza & Osindero 2014, Odena et al. 2017, each with the settings of its catalog entry; "
                + "the table is \(context.directory.path)/family.md",
            seconds: Date().timeIntervalSince(start), runs: runs)
    }

    /// A Markdown table of the rows: FID, KID, precision, recall, images per second, the smallest share of one
    /// digit among the samples and, for conditional models, the class accuracy (– for the others).
    static func table(_ rows: [Row]) -> String {
        func cell(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }
        var lines = ["| model | FID | KID | precision | recall | images/s | smallest digit share | class accuracy |",
                     "|---|---|---|---|---|---|---|---|"]
        for row in rows {
            lines.append("| \(row.model) | \(cell(row.values["eval_fid"], "%.2f")) | \(cell(row.values["eval_kid"], "%.4f")) | "
                + "\(cell(row.values["eval_precision"], "%.3f")) | \(cell(row.values["eval_recall"], "%.3f")) | "
                + "\(cell(row.imagesPerSecond, "%.0f")) | \(cell(row.smallestDigitShare, "%.3f")) | \(cell(row.values[DigitEvaluation.classAccuracyKey], "%.3f")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
