import Synchronization

/// The models that can be trained by name: Latent's own, each family listing its entries in its own catalog
/// file, and those a program built on Latent adds with `register(_:)`.
///
/// ```swift
/// try ModelCatalog.register(ModelEntry(name: "tiny-autoencoder", summary: "…", sampleShape: [1, 28, 28], …) { settings in
///     TinyAutoencoder(learningRate: settings.learningRate("model"))
/// })
/// let entry = try ModelCatalog.entry(named: "tiny-autoencoder")
/// ```
public enum ModelCatalog {
    /// Latent's own models, in the order `latent models` lists them.
    public static let builtIn: [ModelEntry] =
        GANCatalog.entries + ProGANCatalog.entries + ConditionalGANCatalog.entries + InfoGANCatalog.entries + EncoderGANCatalog.entries + Pix2PixCatalog.entries + SemiSupervisedGANCatalog.entries + CycleGANCatalog.entries + StyleGANCatalog.entries + AutoencoderCatalog.entries + VAECatalog.entries + RBMCatalog.entries + ClassifierCatalog.entries

    /// The models registered with `register(_:)`, in the order they were registered.
    private static let registered = Mutex<[ModelEntry]>([])

    /// Every model: the built-in ones, then the registered ones in the order they were registered.
    public static var all: [ModelEntry] {
        builtIn + registered.withLock { $0 }
    }

    /// Adds `entry` to the catalog, so that `entry(named:)` (and so `latent train`, `sample` and `eval`) finds it.
    /// Safe to call from any thread. Throws `ModelCatalogError.duplicateName`, adding nothing, when the entry's
    /// name or one of its aliases is already the name or an alias of a model in the catalog, and
    /// `ModelCatalogError.invalidName` when one is empty or uses other characters than letters, digits, '-', '_' and '.'.
    public static func register(_ entry: ModelEntry) throws {
        try registered.withLock { entries in
            for name in [entry.name] + entry.aliases {
                guard RunConfiguration.isPlain(name) else { throw ModelCatalogError.invalidName(name) }
                if let holder = (builtIn + entries).first(where: { $0.answers(to: name) }) {
                    throw ModelCatalogError.duplicateName(name, heldBy: holder.name, module: holder.module)
                }
            }
            entries.append(entry)
        }
    }

    /// The model called `name` (or with `name` as an alias); throws listing the names there are.
    public static func entry(named name: String) throws -> ModelEntry {
        let all = all
        guard let entry = all.first(where: { $0.answers(to: name) }) else {
            throw TrainingError.invalidConfiguration(
                "unknown model \"\(name)\"; the models are \(all.map(\.name).joined(separator: ", "))")
        }
        return entry
    }
}

/// Why a model could not be added to the catalog.
public enum ModelCatalogError: Error, Equatable, CustomStringConvertible {
    /// `name` is already the name or an alias of model `heldBy`, defined in module `module`.
    case duplicateName(String, heldBy: String, module: String)
    /// `name` is empty or uses other characters than letters, digits, '-', '_' and '.'.
    case invalidName(String)

    public var description: String {
        switch self {
        case .duplicateName(let name, let holder, let module):
            "cannot register model \"\(name)\": the name is taken by model \(holder) (defined in \(module)); choose another name"
        case .invalidName(let name):
            "cannot register model \"\(name)\": a model name uses letters, digits, '-', '_' and '.'"
        }
    }
}
