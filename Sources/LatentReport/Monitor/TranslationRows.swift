import LatentNN

/// A translation model's grid: rows of sources, their translations and the targets, for an 8-column grid,
/// each image in its own column; grey images are shown in RGB beside RGB ones.
enum TranslationRows {
    /// The images of `translated` (at most 8 of each) as source, translation and target rows.
    static func grid(_ translated: (sources: Tensor, translations: Tensor, targets: Tensor)) -> Tensor {
        let parts = [translated.sources, translated.translations, translated.targets]
        let channels = parts.map { $0.shape[1] }.max()!
        return Tensor.concatenated(parts.map { part in
            let shown = part.slice(axis: 0, range: 0..<min(8, part.shape[0]))
            return shown.shape[1] == channels ? shown : Tensor.concatenated(Array(repeating: shown, count: channels), axis: 1)
        })
    }
}
