import Foundation
import LatentData
import LatentNN
import Testing

// The label budget: N labelled images, N/K per class, chosen with a seed, each label looked at once at most.

struct LabelBudgetTests {
    /// Labels 0…9 in a fixed scrambled order, 30 of each class.
    private let labels = (0..<300).map { ($0 * 7 + $0 / 10) % 10 }

    @Test func choosesItsShareOfEveryClassReadingEachLabelOnceAtMost() throws {
        var reads: [Int] = []
        let budget = try LabelBudget(count: 40, classCount: 10, imageCount: labels.count, seed: 4) { index in
            reads.append(index)
            return labels[index]
        }
        #expect(budget.indices.count == 40 && budget.labels == budget.indices.map { labels[$0] })
        #expect((0..<10).allSatisfy { c in budget.labels.filter { $0 == c }.count == 4 })
        #expect(Set(reads).count == reads.count && reads.count == budget.examined)
        // The labels looked at are the first `examined` of the seeded order, no other.
        var order = RandomGenerator(seed: 4)
        #expect(reads == Array(Tensor.permutation(labels.count, generator: &order).prefix(budget.examined)))
        #expect(Set(budget.indices).isSubset(of: Set(reads)))
        let again = try LabelBudget(count: 40, classCount: 10, imageCount: labels.count, seed: 4) { labels[$0] }
        let other = try LabelBudget(count: 40, classCount: 10, imageCount: labels.count, seed: 5) { labels[$0] }
        #expect(again == budget && other.indices != budget.indices)
    }

    @Test func refusesBudgetsTheDataCannotGive() {
        func message(count: Int, classes: Int = 10, images: Int = 300, label: (Int) -> Int) -> String {
            do {
                _ = try LabelBudget(count: count, classCount: classes, imageCount: images, seed: 0, label: label)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message(count: 310) { labels[$0] }.contains("--labels 310 is more than the 300 training images"))
        #expect(message(count: 25) { labels[$0] }.contains("--labels 25 is not a multiple of the 10 classes"))
        #expect(message(count: 0) { labels[$0] }.contains("--labels must be at least 1, got 0"))
        #expect(message(count: 10, classes: 1) { _ in 0 }.contains("has no class labels"))
        #expect(message(count: 100) { min(labels[$0], 8) }.contains("class 9 has 0 training images, fewer than its share of 10"))
    }

    @Test func attributeBudgetsDrawImagesAtRandomAndRoundTripThroughJSON() throws {
        let names = ["Smiling", "Eyeglasses"]
        let budget = try LabelBudget(count: 7, attributeNames: names, imageCount: 50, seed: 4)
        var order = RandomGenerator(seed: 4)
        #expect(budget.indices == Array(Tensor.permutation(50, generator: &order).prefix(7)))
        #expect(budget.labels.isEmpty && budget.examined == 0 && budget.attributeNames == names)
        #expect(try LabelBudget(count: 7, attributeNames: names, imageCount: 50, seed: 5).indices != budget.indices)
        #expect(try JSONDecoder().decode(LabelBudget.self, from: JSONEncoder().encode(budget)) == budget)
        // A class budget recorded before attribute budgets existed still reads, as a class budget.
        let recorded = #"{"count":2,"seed":1,"indices":[4,9],"labels":[0,1],"examined":3}"#
        #expect(try JSONDecoder().decode(LabelBudget.self, from: Data(recorded.utf8)).attributeNames == nil)
        #expect(throws: DataError.self) { try LabelBudget(count: 51, attributeNames: names, imageCount: 50, seed: 4) }
        #expect(throws: DataError.self) { try LabelBudget(count: 0, attributeNames: names, imageCount: 50, seed: 4) }

        // A data set with attributes gets an attribute budget.
        let images = ImageDataset(
            pixels: [UInt8](repeating: 0, count: 10 * 4), labels: [Int](repeating: 0, count: 10), channels: 1,
            height: 2, width: 2, attributes: ImageAttributes(names: names, values: [UInt8](repeating: 1, count: 20)))
        #expect(try images.labelBudget(count: 3, seed: 4).attributeNames == names)
    }
}
