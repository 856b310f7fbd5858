/// The labels 0, 1, …, `classCount` − 1 repeated until there are `count`: label `i % classCount` for sample i.
public func cyclingLabels(count: Int, classCount: Int) -> [Int] {
    (0..<count).map { $0 % classCount }
}
