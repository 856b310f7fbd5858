import Foundation
import LatentBundledData
import LatentTensor

/// Points drawn from a two-dimensional toy distribution, with the mode each point came from.
public struct PointDataset: Sendable {
    /// The points, `[count, 2]`.
    public let points: Tensor
    /// The mode (index into `distribution.centres`) each point was drawn from.
    public let modes: [Int]
    /// The distribution they were drawn from, for measuring which modes a model covers.
    public let distribution: ToyDistribution
}

/// A data set as the catalog loads it: labelled images, or 2-D points.
public enum Dataset: Sendable {
    /// 8-bit images with labels, and the name of each class by label (empty when the classes have no names).
    case images(ImageDataset, classNames: [String])
    /// Points of a toy distribution.
    case points(PointDataset)

    /// The images, when this is an image data set.
    public var images: ImageDataset? {
        if case .images(let images, _) = self { images } else { nil }
    }

    /// The points, when this is a point data set.
    public var points: PointDataset? {
        if case .points(let points) = self { points } else { nil }
    }
}

/// The data sets Latent knows by name, and where their files are looked for.
///
/// A data set stored in files is looked for, in order: in the directory given explicitly (which must exist);
/// in `NAME` under the bundled data directory (by default `bundledDirectory`, the package resource that
/// holds MNIST, found from any working directory); in `NAME` under the download cache (`$XDG_CACHE_HOME/latent/datasets`, by default
/// `~/.cache/latent/datasets`), where `latent data download NAME` puts it. When none holds it the error says
/// how to download it. `folder` is any folder of images (see `ImageFolder`) and needs its directory given.
public struct DatasetCatalog: Sendable {
    /// How a catalog entry is loaded.
    public enum Source: Sendable, Equatable {
        /// IDX files in MNIST's layout.
        case idx(MNISTVariant)
        /// CIFAR-10's binary batches.
        case cifar10
        /// A folder of PNG and JPEG files.
        case folder
        /// MNIST's edge maps beside its digits (`MNISTEdges`), built from MNIST's files.
        case mnistEdges
        /// An unpaired translation data set in CycleGAN's layout (see `UnpairedFolder`).
        case unpairedFolder
        /// A translation task made from MNIST's files (see `MNISTTranslation`).
        case mnistTranslation(MNISTTranslation)
        /// Points generated from a toy distribution; no files.
        case toy(ToyDistribution)
        /// STL-10's binary files: the labelled images, or the unlabelled ones for training (see `STL10`).
        case stl10(unlabeled: Bool)
        /// CelebA's aligned images with their attributes (see `CelebA`).
        case celeba
        /// Paired translation images side by side in one file, pix2pix's format (see `PairedFolderLayout`).
        case pairedSideBySide
        /// Paired translation images in two folders matched by file name (see `PairedFolderLayout`).
        case pairedFolders
    }

    /// One data set of the catalog.
    public struct Entry: Sendable {
        /// The name it is asked for by.
        public let name: String
        /// What it holds, in a line.
        public let summary: String
        /// How it is loaded.
        public let source: Source
        /// Whether `DatasetDownload` can fetch it.
        public var isDownloadable: Bool { DownloadSource.builtIn[name] != nil }
        /// Whether it has a test split besides the training split (an image folder has only one).
        public var hasTestSplit: Bool { source != .folder }
    }

    /// Every data set, in the order to list them.
    public static let entries: [Entry] = [
        Entry(name: "mnist", summary: "MNIST handwritten digits: 60,000 + 10,000 grey 28×28 images, 10 classes (bundled)",
              source: .idx(.mnist)),
        Entry(name: "fashion-mnist", summary: "Fashion-MNIST clothing: 60,000 + 10,000 grey 28×28 images, 10 classes",
              source: .idx(.fashionMNIST)),
        Entry(name: "cifar10", summary: "CIFAR-10: 50,000 + 10,000 RGB 32×32 images, 10 classes", source: .cifar10),
        Entry(name: "mnist-edges", summary: "MNIST edge maps beside their digits: 60,000 + 10,000 pairs of grey 32×32 images (built from MNIST)",
              source: .mnistEdges),
        Entry(name: "folder", summary: "a folder of PNG/JPEG images, optionally one subfolder per class (needs a data directory)",
              source: .folder),
        Entry(name: "mnist-inverse", summary: "MNIST translation: digits (A) ↔ inverted digits (B), unpaired halves of the training set",
              source: .mnistTranslation(.inverse)),
        Entry(name: "mnist-thick", summary: "MNIST translation: digits (A) ↔ digits dilated 3×3 (B), unpaired halves of the training set",
              source: .mnistTranslation(.thick)),
        Entry(name: "unpaired", summary: "unpaired A/B images in CycleGAN's trainA/ trainB/ testA/ testB/ folders (needs a data directory)",
              source: .unpairedFolder),
        Entry(name: "horse2zebra", summary: "CycleGAN's horses ↔ zebras: 1,067 + 1,334 training, 120 + 140 test RGB 256×256 images, unpaired",
              source: .unpairedFolder),
        Entry(name: "ring-8-gaussians", summary: "2-D points: 8 Gaussians (std 0.02) on a circle of radius 2",
              source: .toy(.ring())),
        Entry(name: "grid-25-gaussians", summary: "2-D points: 5×5 Gaussians (std 0.05) on a grid from −4 to 4",
              source: .toy(.grid())),
        Entry(name: "swiss-roll", summary: "2-D points: a swiss roll with Gaussian noise (std 0.02)", source: .toy(.swissRoll())),
        Entry(name: "stl10", summary: "STL-10: 5,000 + 8,000 labelled RGB 96×96 images, 10 classes", source: .stl10(unlabeled: false)),
        Entry(name: "stl10-unlabeled", summary: "STL-10's 100,000 unlabelled RGB 96×96 images for training (labels 0), its 8,000 labelled test images",
              source: .stl10(unlabeled: true)),
        Entry(name: "celeba", summary: "CelebA aligned faces: 162,770 + 19,962 RGB 178×218 images, 40 binary attributes (labels 0)",
              source: .celeba),
    ] + pairedEntries

    /// The paired translation data sets (pix2pix's).
    private static let pairedEntries: [Entry] = [
        Entry(name: "paired", summary: "paired A|B images side by side (pix2pix's format) in train/ and test/ or val/ (needs a data directory)",
              source: .pairedSideBySide),
        Entry(name: "paired-folders", summary: "paired images in A/ and B/ folders matched by file name, per split folder (needs a data directory)",
              source: .pairedFolders),
        Entry(name: "facades", summary: "pix2pix's facades: 400 training, 100 val, 106 test RGB 256×256 pairs (labels | photo) side by side",
              source: .pairedSideBySide),
        Entry(name: "edges2shoes", summary: "pix2pix's edges2shoes: 49,825 training, 200 val RGB 256×256 pairs (edges | photo) side by side",
              source: .pairedSideBySide),
    ]

    /// The names of every data set.
    public static var names: [String] { entries.map(\.name) }

    /// How many points a toy data set draws for each split, and the seed it draws them with, so that every run
    /// sees the same points.
    public static func toySampling(_ split: DataSplit) -> (count: Int, seed: UInt64) {
        split == .train ? (100_000, 1) : (10_000, 2)
    }

    /// The name of each class by label, for the built-in image data sets.
    public static func classNames(_ source: Source) -> [String] {
        switch source {
        case .idx(.mnist), .mnistEdges, .mnistTranslation: (0...9).map(String.init)
        case .idx(.fashionMNIST):
            ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
        case .cifar10: CIFAR10.classNames
        case .stl10(unlabeled: false): STL10.classNames
        case .folder, .unpairedFolder, .toy, .stl10, .celeba, .pairedSideBySide, .pairedFolders: []
        }
    }

    /// The folder holding the data sets bundled with Latent (MNIST, in `mnist/`): the package resource SwiftPM
    /// copies into the build beside the executables, found from any working directory.
    public static var bundledDirectory: String { BundledData.directory }

    /// The folder whose `NAME` subfolders hold the data bundled with Latent (`bundledDirectory` by default).
    public let bundledDataDirectory: String
    /// The folder whose `NAME` subfolders hold downloaded data.
    public let cacheDirectory: String

    /// A catalog looking in the given folders.
    public init(
        bundledDataDirectory: String = DatasetCatalog.bundledDirectory,
        cacheDirectory: String = DatasetCatalog.defaultCacheDirectory()
    ) {
        self.bundledDataDirectory = bundledDataDirectory
        self.cacheDirectory = cacheDirectory
    }

    /// `latent/datasets` under `$XDG_CACHE_HOME` when that is an absolute path, else under `$HOME/.cache`.
    public static func defaultCacheDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/latent/datasets" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/latent/datasets"
    }

    /// Where `latent data download NAME` puts data set `name`: its folder in the download cache, the last place
    /// `directory(for:explicit:)` looks.
    public func downloadDirectory(for name: String) -> URL {
        URL(fileURLWithPath: cacheDirectory).appendingPathComponent(name)
    }

    /// The entry called `name`; throws listing the known names when there is none.
    public static func entry(_ name: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            throw DataError("unknown data set \"\(name)\"; known: \(names.joined(separator: ", "))")
        }
        return entry
    }

    /// The directory the files of data set `name` are read from: `explicit` when given (it must exist), else the
    /// first of the bundled and cache folders that exists. Throws for generated data sets and when no folder
    /// holds the data, saying how to get it.
    public func directory(for name: String, explicit: String?) throws -> String {
        let entry = try Self.entry(name)
        if case .toy = entry.source { throw Self.generatedDataError(name) }
        if entry.source == .mnistEdges { return try directory(for: "mnist", explicit: explicit) }
        if let explicit {
            try FileBytes.requireDirectory(explicit, holding: "the \(name) data")
            return explicit
        }
        guard !Self.needsDirectory.contains(name) else {
            throw DataError("data set \"\(name)\" needs the folder of images given as its data directory (--data-dir PATH)")
        }
        let stored = switch entry.source {
        case .mnistTranslation: "mnist"
        case .stl10: "stl10"
        default: name
        }
        let candidates = [bundledDataDirectory + "/" + stored, cacheDirectory + "/" + stored]
        for candidate in candidates {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue { return candidate }
        }
        throw DataError("""
            no \(name) data: looked in \(candidates.joined(separator: " and ")); run `latent data download \(stored)` \
            to fetch it, or give its directory (--data-dir PATH)
            """)
    }

    /// Loads one split of data set `name`, reading files from `dataDirectory` or the folders `directory(for:explicit:)`
    /// searches. `channels` (1 or 3) converts the images of the folder data sets (`folder`, `unpaired`, the paired
    /// ones); the others ignore it. `direction` chooses the source of a paired data set (A by default) and throws for
    /// the others. `imageSize` resizes every image to `imageSize`×`imageSize` (`ImageDataset.resized`) and throws for
    /// points.
    ///
    /// Image folders have only a training split; asking for `test` throws.
    public func load(
        _ name: String, split: DataSplit, dataDirectory: String? = nil, channels: Int? = nil,
        direction: PairedImages.Direction? = nil, imageSize: Int? = nil
    ) throws -> Dataset {
        let entry = try Self.entry(name)
        if direction != nil && ![.pairedSideBySide, .pairedFolders].contains(entry.source) {
            throw DataError("data set \"\(name)\" is not paired; a direction (AtoB or BtoA) applies to paired, paired-folders, facades and edges2shoes")
        }
        let dataset = try load(
            entry, split: split, dataDirectory: dataDirectory, channels: channels, direction: direction ?? .aToB, imageSize: imageSize)
        guard let imageSize else { return dataset }
        guard case .images(let images, let classNames) = dataset else {
            throw DataError("data set \"\(name)\" holds 2-D points; an image size applies to images only")
        }
        return .images(try images.resized(height: imageSize, width: imageSize), classNames: classNames)
    }

    /// Loads one split of `entry` in its stored size, or, for the folders of single images (`celeba`, `folder`),
    /// resized to `imageSize` as each image is read.
    private func load(
        _ entry: Entry, split: DataSplit, dataDirectory: String?, channels: Int?, direction: PairedImages.Direction, imageSize: Int?
    ) throws -> Dataset {
        let name = entry.name
        switch entry.source {
        case .toy(let distribution):
            guard dataDirectory == nil else { throw Self.generatedDataError(name) }
            let (count, seed) = Self.toySampling(split)
            var generator = RandomGenerator(seed: seed)
            let (points, modes) = distribution.sample(count, generator: &generator)
            return .points(PointDataset(points: points, modes: modes, distribution: distribution))
        case .idx(let variant):
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(try MNIST.load(split, from: folder, variant: variant), classNames: Self.classNames(entry.source))
        case .mnistEdges:
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(MNISTEdges.pairs(try MNIST.load(split, from: folder)), classNames: Self.classNames(entry.source))
        case .cifar10:
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(try CIFAR10.load(split, from: folder), classNames: Self.classNames(entry.source))
        case .mnistTranslation(let task):
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(task.dataset(split, digits: try MNIST.load(split, from: folder)), classNames: Self.classNames(entry.source))
        case .unpairedFolder:
            let folder = try directory(for: name, explicit: dataDirectory)
            // A downloaded archive unpacks into its own folder (horse2zebra/horse2zebra/trainA).
            let unpacked = FileBytes.directoryExists(folder + "/" + name) ? folder + "/" + name : folder
            return .images(try UnpairedFolder.load(unpacked, split: split, channels: channels), classNames: [])
        case .stl10(let unlabeled):
            let folder = try directory(for: name, explicit: dataDirectory)
            let part: STL10.Part = split == .test ? .test : unlabeled ? .unlabeled : .train
            return .images(try STL10.load(part, from: folder), classNames: Self.classNames(entry.source))
        case .celeba:
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(try CelebA.load(split == .train ? .train : .test, from: folder, channels: channels, side: imageSize), classNames: [])
        case .folder:
            let folder = try directory(for: name, explicit: dataDirectory)
            guard split == .train else {
                throw DataError(file: folder, "an image folder has only a training split; the test split was asked for")
            }
            let images = try ImageFolder.load(folder, channels: channels, side: imageSize)
            return .images(images.dataset, classNames: images.classNames)
        case .pairedSideBySide:
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(try PairedFolderLayout.sideBySide(folder, split: split, direction: direction, channels: channels), classNames: [])
        case .pairedFolders:
            let folder = try directory(for: name, explicit: dataDirectory)
            return .images(try PairedFolderLayout.matchedFolders(folder, split: split, direction: direction, channels: channels), classNames: [])
        }
    }

    /// The data sets that have no default place: their folder must be given.
    private static let needsDirectory: Set = ["folder", "unpaired", "paired", "paired-folders"]

    /// The error for a data directory given to a generated data set.
    private static func generatedDataError(_ name: String) -> DataError {
        DataError("data set \"\(name)\" is generated and reads no files; leave the data directory out")
    }
}
