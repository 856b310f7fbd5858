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
}
