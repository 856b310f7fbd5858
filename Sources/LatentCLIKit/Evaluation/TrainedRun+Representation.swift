import LatentModels

extension TrainedRun {
    /// The model's representation called `name`, or its first when `name` is nil; throws listing the
    /// representations the run has when none is so called, or when it has none.
    func representation(named name: String?) throws -> Representation {
        let available = model.representations
        guard let first = available.first else {
            throw CommandFailure("model \(entry.name) of \(directory.path) maps no images to codes or features")
        }
        guard let name else { return first }
        guard let found = available.first(where: { $0.name == name }) else {
            let listing = available.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ")
            throw CommandFailure("model \(entry.name) of \(directory.path) has no layer \"\(name)\"; it has \(listing)")
        }
        return found
    }
}
