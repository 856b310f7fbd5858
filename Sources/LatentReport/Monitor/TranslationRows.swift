import LatentNN

/// A translation model's grid: its rows (such as sources, translations and targets), at most 8 images of
/// each, one image per column of an 8-column grid; grey images are shown in RGB beside RGB ones.
enum TranslationRows {
    /// The first 8 images of each of `rows`, one row each.
    static func grid(_ rows: [Tensor]) -> Tensor {
        let channels = rows.map { $0.shape[1] }.max()!
        return Tensor.concatenated(rows.map { part in
            let shown = part.slice(axis: 0, range: 0..<min(8, part.shape[0]))
            return shown.shape[1] == channels ? shown : Tensor.concatenated(Array(repeating: shown, count: channels), axis: 1)
        })
    }
}
