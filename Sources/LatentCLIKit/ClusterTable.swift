import Foundation
import LatentData
import LatentMetrics
import LatentReport
import LatentTensor

/// The clusters that a cluster head (a representation of kind `.clusterLogits`, such as InfoGAN's `q_categorical`)
/// puts labelled images in, as a run's report shows them: each image's cluster is the argmax of its logits; each
/// cluster is matched to one class by the Hungarian algorithm (the matching of clustering accuracy), and clusters are
/// listed in the order of their classes (class 0's cluster first), unmatched clusters last.
struct ClusterTable {
    /// The cluster of each image.
    let assignments: [Int]
    /// The class of each image.
    let labels: [Int]
    /// How many clusters the head has (the width of its logits).
    let clusterCount: Int
    /// `confusion[cluster][class]`: how many images of the class the cluster holds.
    let confusion: [[Int]]
    /// The class matched to each cluster; nil for a cluster left unmatched (more clusters than classes).
    let matchedClass: [Int?]
    /// The clusters in the order the report lists them.
    let order: [Int]

    /// Real images shown per cluster.
    static let examplesPerCluster = 10

    /// The table of the clusters of `logits` `[N, clusters]` against the classes `labels` (one per row); throws when
    /// the counts differ or there are no images.
    init(logits: Tensor, labels: [Int]) throws {
        guard logits.rank == 2, logits.shape[0] == labels.count, !labels.isEmpty else {
            throw CommandFailure("cluster table: \(labels.count) labels for cluster logits of shape \(logits.shape)")
        }
        clusterCount = logits.shape[1]
        assignments = logits.argmax(axis: 1).values.map { Int($0) }
        self.labels = labels
        let classCount = (labels.max() ?? 0) + 1
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: clusterCount)
        for (cluster, label) in zip(assignments, labels) { confusion[cluster][label] += 1 }
        self.confusion = confusion
        var matched = [Int?](repeating: nil, count: clusterCount)
        for pair in try linearSumAssignment(cost: confusion.map { row in row.map { -Double($0) } }) { matched[pair.row] = pair.column }
        matchedClass = matched
        order = (0..<clusterCount).sorted { (matched[$0] ?? Int.max, $0) < (matched[$1] ?? Int.max, $1) }
    }

    /// The first `examplesPerCluster` images of `cluster`, by their index.
    func examples(of cluster: Int) -> [Int] {
        Array(assignments.indices.filter { assignments[$0] == cluster }.prefix(Self.examplesPerCluster))
    }

    /// The confusion matrix as a report table: a row per cluster in `order` (named "cluster → class"), a column per
    /// class (named from `classNames` where it has the class) and the cluster's size.
    func confusionTable(classNames: [String]) -> RunAnalysis.Table {
        let classCount = confusion.first?.count ?? 0
        let names = (0..<classCount).map { $0 < classNames.count ? classNames[$0] : String($0) }
        let rows = order.map { cluster in
            ["\(cluster) → \(matchedClass[cluster].map { names[$0] } ?? "–")"] + confusion[cluster].map(String.init)
                + [String(confusion[cluster].reduce(0, +))]
        }
        return RunAnalysis.Table(
            caption: "Images of each class (columns) in each cluster (rows), clusters matched one-to-one to classes by the Hungarian algorithm",
            columns: ["cluster → class"] + names + ["images"], rows: rows)
    }

    /// Writes `clusters.png` (a row per cluster in `order`, its first `examplesPerCluster` of `images`, blank where it
    /// holds fewer) and `analysis.json` (ACC, NMI, ARI, the confusion table) into the run's analysis called `name`.
    /// `images` are `[N, C, H, W]` with values in `range`; `title` heads the analysis.
    func writeAnalysis(images: Tensor, range: PixelRange, classNames: [String], in run: URL, name: String, title: String) throws {
        let folder = RunAnalysis.folder(named: name, in: run)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let blank = Tensor.full([1] + Array(images.shape.dropFirst()), range == .minusOneToOne ? -1 : 0)
        let cells = order.flatMap { cluster in
            let shown = examples(of: cluster).map { images.slice(axis: 0, range: $0..<($0 + 1)) }
            return shown + Array(repeating: blank, count: Self.examplesPerCluster - shown.count)
        }
        let grid = ImageGrid.make(images: Tensor.concatenated(cells), columns: Self.examplesPerCluster, range: range)
        try AtomicFile.write(Data(try PNG.encode(grid)), to: folder.appendingPathComponent("clusters.png"))
        let scores = try clusterScores(assignments, truth: labels)
        let facts = [RunAnalysis.Fact("images", "\(labels.count)"),
                     RunAnalysis.Fact("clusters used", "\(Set(assignments).count) of \(clusterCount)")]
            + scores.map { RunAnalysis.Fact($0.0 == "accuracy" ? "accuracy (Hungarian)" : $0.0.uppercased(), String(format: "%.4f", $0.1)) }
        let rowNames = order.map { cluster in "\(cluster)" + (matchedClass[cluster].map { " → \($0)" } ?? "") }.joined(separator: ", ")
        try RunAnalysis(
            title: title, facts: facts,
            figures: [.init(file: "clusters.png", caption: "the first \(Self.examplesPerCluster) images of each cluster, one row per cluster: \(rowNames)")],
            tables: [confusionTable(classNames: classNames)]
        ).write(to: folder)
    }
}
