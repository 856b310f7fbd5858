import Foundation
import LatentData
import LatentReport
import LatentTensor
import LatentTestSupport
import Testing

@testable import LatentCLIKit

// The report's cluster table on a hand-made case: argmax clusters, the confusion matrix, the Hungarian matching of
// clusters to classes and the order of the rows, the example images and the files written.

@Test func clusterTableMatchesClustersToClassesAndListsThemInClassOrder() throws {
    // Six images of classes 0, 0, 1, 1, 1, 0 put in clusters 2, 2, 0, 0, 2, 1 by their logits (3 clusters).
    let clusters = [2, 2, 0, 0, 2, 1], labels = [0, 0, 1, 1, 1, 0]
    let logits = Tensor(clusters.flatMap { cluster in (0..<3).map { Float($0 == cluster ? 5 : 0) } }, shape: [6, 3])
    let table = try ClusterTable(logits: logits, labels: labels)
    #expect(table.assignments == clusters)
    #expect(table.confusion == [[0, 2], [1, 0], [2, 1]])
    // Cluster 2 holds most of class 0 and cluster 0 all of class 1; cluster 1 is left unmatched with 2 classes.
    #expect(table.matchedClass == [1, nil, 0])
    #expect(table.order == [2, 0, 1])
    #expect(table.examples(of: 2) == [0, 1, 4] && table.examples(of: 1) == [5])
    let confusion = table.confusionTable(classNames: ["zero"])
    #expect(confusion.columns == ["cluster → class", "zero", "1", "images"])
    #expect(confusion.rows == [["2 → zero", "2", "1", "3"], ["0 → 1", "0", "2", "2"], ["1 → –", "1", "0", "1"]])

    let run = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: run) }
    let images = Tensor.full([6, 1, 4, 4], 0.5)
    try table.writeAnalysis(images: images, range: .zeroToOne, classNames: [], in: run, name: "clusters-head", title: "Clusters")
    let folder = RunAnalysis.folder(named: "clusters-head", in: run)
    let grid = try PNG.read(folder.appendingPathComponent("clusters.png").path)
    #expect(grid.width == 10 * 6 + 2 && grid.height == 3 * 6 + 2, "a row of 10 cells per cluster")
    let analysis = try String(contentsOf: folder.appendingPathComponent("analysis.json"), encoding: .utf8)
    #expect(analysis.contains("\"accuracy (Hungarian)\"") && analysis.contains("0.6667") && analysis.contains("2 → 0, 0 → 1, 1"))
}

@Test func clusterTableRefusesLogitsAndLabelsOfDifferentCounts() {
    #expect(throws: CommandFailure.self) { try ClusterTable(logits: Tensor.zeros([3, 2]), labels: [0, 1]) }
}
