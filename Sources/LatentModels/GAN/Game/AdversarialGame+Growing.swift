extension AdversarialGame: Growing {
    public var growthLevel: GrowthLevel? { growth?.level }

    public func atGrowthLevel<R>(_ level: GrowthLevel, _ body: () throws -> R) rethrows -> R {
        guard let growth else { return try body() }
        return try growth.holding(level, body)
    }
}
