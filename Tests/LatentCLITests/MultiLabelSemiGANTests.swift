import Foundation
import LatentData
import LatentReport
import LatentTestSupport
import Testing

// semi-gan on a multi-label data set, as a user runs it on CelebA: the networks take the data's channels, side and
// 40 attributes, the label budget is drawn at random and recorded, training reads no other image's attributes, the
// test attribute error is logged, and `latent classify` reports it per attribute.

@Suite(.serialized) struct MultiLabelSemiGANTests {
    static let names = (1...40).map { "Attribute_\($0)" }
    static let imageCount = 24

    /// Image i's attributes: attribute k is present when k + i is even, or, for `scrambled` images, the opposite.
    static func attributeLine(_ i: Int, scrambled: Bool) -> String {
        String(format: "%06d.jpg ", i) + (0..<40).map { k in ((k + i) % 2 == 0) != scrambled ? " 1" : "-1" }.joined(separator: " ")
    }

    /// A CelebA folder of `imageCount` 10×8 RGB images (16 for training, 4 to validate, 4 to test), whose images in
    /// `scrambled` have their attributes flipped.
    static func celeba(in root: URL, name: String, scrambled: Set<Int> = []) throws -> String {
        let directory = root.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: directory + "/img_align_celeba", withIntermediateDirectories: true)
        var partition = "", lines: [String] = []
        for i in 1...imageCount {
            let pixels = (0..<(10 * 8 * 3)).map { UInt8(truncatingIfNeeded: $0 * 7 + i * 29) }
            try JPEG.write(Image(width: 10, height: 8, channels: 3, pixels: pixels), to: directory + String(format: "/img_align_celeba/%06d.jpg", i))
            partition += String(format: "%06d.jpg %d\n", i, i <= 16 ? 0 : i <= 20 ? 1 : 2)
            lines.append(attributeLine(i, scrambled: scrambled.contains(i - 1)))
        }
        try Data(partition.utf8).write(to: URL(fileURLWithPath: directory + "/list_eval_partition.txt"))
        let attributes = "\(imageCount)\n" + names.joined(separator: " ") + "\n" + lines.joined(separator: "\n") + "\n"
        try Data(attributes.utf8).write(to: URL(fileURLWithPath: directory + "/list_attr_celeba.txt"))
        return directory
    }

    private func train(_ run: URL, data: String, _ extra: [String] = []) -> [String] {
        ["train", "semi-gan", "--dataset", "celeba", "--data-dir", data, "--image-size", "8", "--labels", "6",
         "--batch-size", "4", "--steps", "4", "--threads", "1", "--out", run.path] + extra
    }

    @Test func trainsOnTheAttributesOfItsBudgetAloneAndClassifiesThem() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let original = root.appendingPathComponent("original")
        let data = try Self.celeba(in: root, name: "celeba")
        let first = try LatentProcess.run(train(original, data: data), in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let configuration = try String(contentsOf: original.appendingPathComponent("config.yaml"), encoding: .utf8)
        for line in ["attributes: 40", "channels: 3", "image_size: 8"] { #expect(configuration.contains(line), "\(configuration)") }
        let budget = try #require(try RunStatus.read(run: original).labels)
        #expect(budget.count == 6 && Set(budget.indices).count == 6 && budget.indices.allSatisfy { (0..<16).contains($0) })
        #expect(budget.attributeNames == Self.names && budget.labels.isEmpty && budget.examined == 0)
        let metrics = try String(contentsOf: original.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
        #expect(metrics.contains("\"test_attribute_error\""), "\(metrics)")

        // The attributes of every training image outside the budget flip; training must not notice.
        let outside = Set(0..<16).subtracting(budget.indices)
        let other = root.appendingPathComponent("other")
        let second = try LatentProcess.run(train(other, data: try Self.celeba(in: root, name: "outside", scrambled: outside)), in: root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try latestCheckpointFiles(other) == latestCheckpointFiles(original))
        // Flipping one image of the budget does change training: the comparison above can fail.
        let third = root.appendingPathComponent("third")
        let changed = try LatentProcess.run(train(third, data: try Self.celeba(in: root, name: "inside", scrambled: [budget.indices[0]])), in: root)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try latestCheckpointFiles(third)["discriminator.safetensors"] != latestCheckpointFiles(original)["discriminator.safetensors"])

        let classify = try LatentProcess.run(["classify", original.path, "--threads", "1", "--json"], in: root)
        #expect(classify.status == 0, "\(classify.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(classify.stdout.utf8)) as? [String: Any])
        let perAttribute = try #require(report["attribute_errors"] as? [String: Double])
        let error = try #require(report["attribute_error"] as? Double)
        #expect(report["samples"] as? Int == 4 && report["attributes"] as? Int == 40 && perAttribute.count == 40)
        #expect((0...1).contains(error) && Swift.abs(perAttribute.values.reduce(0, +) / 40 - error) < 1e-9)
    }

    @Test func refusesBudgetsAndOptionsTheDataCannotGive() throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let data = try Self.celeba(in: root, name: "celeba")
        let tooMany = try LatentProcess.run(train(root.appendingPathComponent("a"), data: data, ["--labels", "17"]), in: root)
        #expect(tooMany.status != 0 && tooMany.stderr.contains("--labels 17 is more than the 16 training images"), "\(tooMany.stderr)")
        let mismatch = try LatentProcess.run(train(root.appendingPathComponent("b"), data: data, ["--option", "attributes=3"]), in: root)
        #expect(mismatch.status != 0 && mismatch.stderr.contains("option attributes=3, but the labelled images carry 40 attributes"),
                "\(mismatch.stderr)")
        let classes = try LatentProcess.run(train(root.appendingPathComponent("d"), data: data, ["--option", "attributes=0"]), in: root)
        #expect(classes.status != 0 && classes.stderr.contains("option attributes=0 asks for class labels, but the labelled images carry 40 attributes"),
                "\(classes.stderr)")
        let notSquare = try LatentProcess.run(
            ["train", "semi-gan", "--dataset", "celeba", "--data-dir", data, "--steps", "1", "--out", root.appendingPathComponent("c").path], in: root)
        #expect(notSquare.status != 0 && notSquare.stderr.contains("holds 10×8 ones; resize them with --image-size N"), "\(notSquare.stderr)")
    }
}
