import Foundation

/// An unpaired image-translation data set in CycleGAN's layout: `trainA/`, `trainB/`, `testA/` and `testB/`
/// folders of PNG and JPEG files (each read as `ImageFolder` reads a flat folder), A and B of one size.
///
/// The split becomes one `ImageDataset` whose images hold an A image and a B image side by side on the
/// channel axis (`domainBChannel` = A's channels): image i holds A number i mod |A| and B number i mod |B|,
/// for max(|A|, |B|) images, and `DataLoader` draws each sample's B anew at random, as CycleGAN's loader
/// picks a random B for each A.
public enum UnpairedFolder {
    /// Reads the `split` folders of `directory`; `channels` (1 or 3) converts every image to grey or RGB.
    /// Throws a `DataError` naming the folder when one is missing or empty, naming the file when one cannot
    /// be decoded or differs in size or channels from the first of its folder, and naming both folders when
    /// A and B differ in size.
    public static func load(_ directory: String, split: DataSplit, channels: Int? = nil) throws -> ImageDataset {
        try FileBytes.requireDirectory(directory, holding: "the trainA, trainB, testA and testB folders of an unpaired data set")
        let prefix = split == .train ? "train" : "test"
        let (pathA, pathB) = (directory + "/" + prefix + "A", directory + "/" + prefix + "B")
        let a = try domain(pathA, channels: channels), b = try domain(pathB, channels: channels)
        guard a.height == b.height && a.width == b.width else {
            throw DataError(file: pathB, """
                holds \(b.width)×\(b.height) images, but \(pathA) holds \(a.width)×\(a.height) ones; both domains must share one size
                """)
        }
        return pair(a, b)
    }

    /// The images of one domain's folder, which must be flat (no class folders).
    private static func domain(_ path: String, channels: Int?) throws -> ImageDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError(file: path, "is missing; an unpaired data set needs the folders trainA, trainB, testA and testB")
        }
        let folder = try ImageFolder.load(path, channels: channels)
        guard folder.classNames.isEmpty else {
            throw DataError(file: path, "holds subfolders (\(folder.classNames.joined(separator: ", "))); put the domain's images directly in it")
        }
        return folder.dataset
    }

    /// A's and B's images side by side, max(|A|, |B|) of them, each domain repeated in order; the labels are 0.
    public static func pair(_ a: ImageDataset, _ b: ImageDataset) -> ImageDataset {
        precondition(a.height == b.height && a.width == b.width, "UnpairedFolder.pair: domains of different sizes")
        let count = Swift.max(a.count, b.count)
        var pixels: [UInt8] = []
        pixels.reserveCapacity(count * (a.imageSize + b.imageSize))
        for i in 0..<count {
            let (ia, ib) = (i % a.count, i % b.count)
            pixels += a.pixels[(ia * a.imageSize)..<((ia + 1) * a.imageSize)]
            pixels += b.pixels[(ib * b.imageSize)..<((ib + 1) * b.imageSize)]
        }
        return ImageDataset(pixels: pixels, labels: Array(repeating: 0, count: count), channels: a.channels + b.channels,
                            height: a.height, width: a.width, domainBChannel: a.channels)
    }
}
