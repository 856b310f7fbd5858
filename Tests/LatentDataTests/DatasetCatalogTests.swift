import Foundation
import LatentData
import Testing

@Suite struct DatasetCatalogTests {
    /// A catalog over fresh repository and cache folders, removed by `TestFiles.remove(root)`.
    static func makeCatalog() throws -> (catalog: DatasetCatalog, root: String) {
        let root = try TestFiles.makeDirectory()
        return (DatasetCatalog(bundledDataDirectory: root + "/repo/Data", cacheDirectory: root + "/cache"), root)
    }

    static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @Test func directoriesAreSearchedExplicitThenRepositoryThenCache() throws {
        let (catalog, root) = try Self.makeCatalog()
        defer { TestFiles.remove(root) }
        let explicit = root + "/mine", repository = root + "/repo/Data/mnist", cache = root + "/cache/mnist"
        for (folder, label) in [(explicit, UInt8(1)), (repository, 2), (cache, 3)] {
            try Self.makeFolder(folder)
            try TestFiles.writeMNISTSplit(into: folder, count: 2, labels: [label, label])
        }
        func firstLabel(_ dataDirectory: String?) throws -> Int? {
            try catalog.load("mnist", split: .train, dataDirectory: dataDirectory).images?.labels.first
        }
        #expect(try firstLabel(explicit) == 1)
        #expect(try firstLabel(nil) == 2)
        try FileManager.default.removeItem(atPath: repository)
        #expect(try firstLabel(nil) == 3)
        #expect(try catalog.directory(for: "mnist", explicit: nil) == cache)
        #expect(catalog.downloadDirectory(for: "mnist").path == cache)
        try FileManager.default.removeItem(atPath: cache)
        #expect(dataErrorMessage { _ = try firstLabel(nil) } == """
            no mnist data: looked in \(repository) and \(cache); run `latent data download mnist` to fetch it, \
            or give its directory (--data-dir PATH)
            """)
        // An explicit directory that does not exist is an error, never a reason to look elsewhere.
        try Self.makeFolder(cache)
        #expect(dataErrorMessage { _ = try firstLabel(root + "/typo") }
            == "\(root)/typo: directory not found (expected it to hold the mnist data)")
        #expect(try catalog.directory(for: "cifar10", explicit: cache) == cache)
    }

    @Test func bundledMNISTLoadsWithClassNames() throws {
        let repositoryData = (TestFiles.bundledMNIST as NSString).deletingLastPathComponent
        let catalog = DatasetCatalog(bundledDataDirectory: repositoryData, cacheDirectory: "/nonexistent")
        guard case .images(let test, let classNames) = try catalog.load("mnist", split: .test) else {
            Issue.record("expected images")
            return
        }
        #expect(test.count == 10_000 && test.imageShape == [1, 28, 28] && test.classCount == 10)
        #expect(classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
    }

    @Test func theDefaultCatalogFindsTheBundledMNISTOutsideTheCurrentDirectory() throws {
        let bundled = DatasetCatalog.bundledDirectory
        #expect(bundled.hasPrefix("/") && !bundled.hasPrefix(FileManager.default.currentDirectoryPath + "/Data"))
        let directory = try DatasetCatalog(cacheDirectory: "/nonexistent").directory(for: "mnist", explicit: nil)
        #expect(directory == bundled + "/mnist")
        #expect(try MNIST.directory() == directory)
        // The same files as the repository's Data/mnist, checksums and all.
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/SHA256SUMS"))
            == Data(contentsOf: URL(fileURLWithPath: TestFiles.bundledMNIST + "/SHA256SUMS")))
    }

    @Test func imageFoldersNeedTheirDirectory() throws {
        let (catalog, root) = try Self.makeCatalog()
        defer { TestFiles.remove(root) }
        #expect(dataErrorMessage { _ = try catalog.load("folder", split: .train) }
            == "data set \"folder\" needs the folder of images given as its data directory (--data-dir PATH)")
        let images = root + "/pictures"
        for name in ["b", "a"] {
            try Self.makeFolder(images + "/" + name)
            try PNG.write(Image(width: 2, height: 2, channels: 1, value: 9), to: images + "/\(name)/x.png")
        }
        guard case .images(let dataset, let classNames) = try catalog.load("folder", split: .train, dataDirectory: images, channels: 3)
        else {
            Issue.record("expected images")
            return
        }
        #expect(classNames == ["a", "b"] && dataset.labels == [0, 1] && dataset.imageShape == [3, 2, 2])
        #expect(dataErrorMessage { _ = try catalog.load("folder", split: .test, dataDirectory: images) }
            == "\(images): an image folder has only a training split; the test split was asked for")
    }

    @Test func toyDataSetsAreGeneratedAndRepeatable() throws {
        let (catalog, root) = try Self.makeCatalog()
        defer { TestFiles.remove(root) }
        let ring = try #require(try catalog.load("ring-8-gaussians", split: .train).points)
        #expect(ring.points.shape == [100_000, 2] && Set(ring.modes) == Set(0..<8))
        #expect(ring.distribution == .ring(modes: 8, radius: 2, std: 0.02))
        let again = try #require(try catalog.load("ring-8-gaussians", split: .train).points)
        #expect(again.points.values == ring.points.values)
        let test = try #require(try catalog.load("ring-8-gaussians", split: .test).points)
        #expect(test.points.shape == [10_000, 2] && test.points.values[0] != ring.points.values[0])
        // Every point lies near the centre of its mode (std 0.02: 0.15 is 7.5 standard deviations).
        let nearest = ring.distribution.nearestCentres(test.points)
        #expect(nearest.distances.max()! < 0.15 && nearest.modes == test.modes)
        let grid = try #require(try catalog.load("grid-25-gaussians", split: .test).points)
        #expect(Set(grid.modes).count == 25)
        #expect(try catalog.load("swiss-roll", split: .test).points?.distribution == .swissRoll(std: 0.02))
        #expect(dataErrorMessage { _ = try catalog.load("swiss-roll", split: .train, dataDirectory: root) }
            == "data set \"swiss-roll\" is generated and reads no files; leave the data directory out")
    }

    @Test func unknownNamesListTheKnownOnes() {
        #expect(dataErrorMessage { _ = try DatasetCatalog.entry("cifar100") } == """
            unknown data set "cifar100"; known: mnist, fashion-mnist, cifar10, mnist-edges, folder, mnist-inverse, mnist-thick, \
            unpaired, horse2zebra, ring-8-gaussians, grid-25-gaussians, swiss-roll, stl10, stl10-unlabeled, celeba, \
            paired, paired-folders, facades, edges2shoes
            """)
        let downloadable = DatasetCatalog.entries.filter(\.isDownloadable).map(\.name)
        #expect(["mnist", "fashion-mnist", "cifar10", "horse2zebra", "stl10", "celeba", "facades", "edges2shoes"].allSatisfy(downloadable.contains))
        #expect(!downloadable.contains("stl10-unlabeled") && !downloadable.contains("folder"))
    }

    @Test func cacheFollowsXDGThenHome() {
        #expect(DatasetCatalog.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/xdg", "HOME": "/users/u"])
            == "/xdg/latent/datasets")
        // A relative XDG_CACHE_HOME is invalid by the XDG specification and ignored.
        #expect(DatasetCatalog.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/users/u"])
            == "/users/u/.cache/latent/datasets")
        #expect(DatasetCatalog.defaultCacheDirectory(environment: ["HOME": "/users/u"]) == "/users/u/.cache/latent/datasets")
    }
}
