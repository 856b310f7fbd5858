import Foundation

/// Paired images for image translation (pix2pix), each pair as one image whose channels hold the source's
/// before the target's (`[C_A + C_B, H, W]`, what a translation model's batches hold). Two layouts:
/// - side by side, pix2pix's format: each file holds A in its left half and B in its right half; `direction`
///   `.bToA` makes B the source;
/// - two folders whose files match by name: `sources/NAME` is the source of `targets/NAME`.
/// Files are read as `ImageFolder` reads them (sorted, PNG and JPEG, one size and channel count, `channels`
/// converting to grey or RGB); labels are 0.
public enum PairedImages {
    /// Which half of a side-by-side image is the source.
    public enum Direction: String, CaseIterable, Sendable {
        case aToB = "AtoB"
        case bToA = "BtoA"
    }

    /// The pairs of the side-by-side images in `directory`. Throws naming the file for an image of odd width, one
    /// that cannot be decoded or one of another size or channel count than the first.
    public static func sideBySide(_ directory: String, direction: Direction = .aToB, channels: Int? = nil) throws -> ImageDataset {
        let folder = try ImageFolder.load(directory, channels: channels)
        let images = folder.dataset
        guard images.width % 2 == 0 else {
            throw DataError(file: folder.files[0], "is \(images.width) pixels wide: a side-by-side pair needs an even width, A left and B right")
        }
        let half = images.width / 2
        var pixels = [UInt8]()
        pixels.reserveCapacity(images.pixels.count)
        for index in 0..<images.count {
            let image = images.pixels[(index * images.imageSize)..<((index + 1) * images.imageSize)]
            for side in direction == .aToB ? [0, half] : [half, 0] {
                for row in 0..<(images.channels * images.height) {
                    let start = image.startIndex + row * images.width + side
                    pixels += image[start..<(start + half)]
                }
            }
        }
        return ImageDataset(pixels: pixels, labels: [Int](repeating: 0, count: images.count), channels: 2 * images.channels,
                            height: images.height, width: half)
    }

    /// The pairs of the images in `sources` and the images of the same names in `targets`. Throws naming a file that
    /// has no partner of its name, and the folders when their images differ in size or channels.
    public static func matched(sources: String, targets: String, channels: Int? = nil) throws -> ImageDataset {
        let a = try ImageFolder.load(sources, channels: channels), b = try ImageFolder.load(targets, channels: channels)
        let namesA = a.files.map { ($0 as NSString).lastPathComponent }, namesB = b.files.map { ($0 as NSString).lastPathComponent }
        if let lonely = zip(a.files, namesA).first(where: { !Set(namesB).contains($0.1) }) {
            throw DataError(file: lonely.0, "has no target of its name in \(targets)")
        }
        if let lonely = zip(b.files, namesB).first(where: { !Set(namesA).contains($0.1) }) {
            throw DataError(file: lonely.0, "has no source of its name in \(sources)")
        }
        guard a.dataset.height == b.dataset.height && a.dataset.width == b.dataset.width else {
            throw DataError(file: b.files[0], """
                is \(b.dataset.width)×\(b.dataset.height) pixels, but the sources (\(a.files[0])) are \
                \(a.dataset.width)×\(a.dataset.height); a pair's images must share one size
                """)
        }
        guard a.dataset.channels == b.dataset.channels else {
            throw DataError(file: b.files[0], """
                has \(b.dataset.channels) channels, but the sources (\(a.files[0])) have \(a.dataset.channels); \
                ask for 1 or 3 channels to convert both
                """)
        }
        var pixels = [UInt8]()
        pixels.reserveCapacity(a.dataset.pixels.count + b.dataset.pixels.count)
        for index in 0..<a.dataset.count {
            pixels += a.dataset.pixels[(index * a.dataset.imageSize)..<((index + 1) * a.dataset.imageSize)]
            pixels += b.dataset.pixels[(index * b.dataset.imageSize)..<((index + 1) * b.dataset.imageSize)]
        }
        return ImageDataset(pixels: pixels, labels: [Int](repeating: 0, count: a.dataset.count),
                            channels: a.dataset.channels + b.dataset.channels, height: a.dataset.height, width: a.dataset.width)
    }
}
