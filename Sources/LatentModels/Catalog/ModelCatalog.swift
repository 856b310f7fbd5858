/// The models that can be trained by name; each family registers its entries in its own catalog file.
public enum ModelCatalog {
    /// Every model, in the order `latent models` lists them.
    public static let all: [ModelEntry] =
        GANCatalog.entries + ConditionalGANCatalog.entries + AutoencoderCatalog.entries + VAECatalog.entries + ClassifierCatalog.entries

    /// The model called `name` (or with `name` as an alias); throws listing the names there are.
    public static func entry(named name: String) throws -> ModelEntry {
        guard let entry = all.first(where: { $0.answers(to: name) }) else {
            throw TrainingError.invalidConfiguration(
                "unknown model \"\(name)\"; the models are \(all.map(\.name).joined(separator: ", "))")
        }
        return entry
    }
}
