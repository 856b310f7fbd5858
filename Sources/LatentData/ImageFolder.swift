import Foundation

/// A data set read from a folder of PNG and JPEG files, as torchvision's `ImageFolder` reads one.
///
/// Two layouts are accepted:
/// - class folders: `root/CLASS/…/IMAGE`; the class names sorted give the labels 0, 1, … (files may sit in
///   deeper folders below a class folder);
/// - a flat folder: `root/IMAGE` with no subfolders; every image gets label 0 and there are no class names.
///
/// Files are recognised by extension (`.png`, `.jpg`, `.jpeg`, any case) and decoded by their contents; other
/// files and names starting with "." are skipped. Images are taken in sorted path order. Symbolic links are followed,
/// but a folder or file reached a second time (by device and inode), such as through a link back up the tree, is
/// skipped, so that link loops end and no image is read twice. All images must have the same size, and the same
/// number of channels unless `channels` asks for a conversion.
public struct ImageFolder: Sendable {
    /// The images, with their labels.
    public let dataset: ImageDataset
    /// The class of each label (the class folder names, sorted); empty for a flat folder.
    public let classNames: [String]
    /// The file each image came from, in data set order.
    public let files: [String]

    /// Reads every image under `directory`. With `channels` 1 or 3, each image is converted to grey or RGB
    /// (see `Image.converted(toChannels:)`); with nil, all images must have the channels of the first. With `side`,
    /// each image is resized to `side`×`side` as it is read (see `decode`).
    ///
    /// Throws a `DataError` when the directory is missing or holds no images, when a class folder is empty, when
    /// images sit beside class folders, when a file cannot be decoded, or when sizes or channels differ (naming
    /// the file, its size and the size of the first image).
    public static func load(_ directory: String, channels: Int? = nil, side: Int? = nil) throws -> ImageFolder {
        if let channels, channels != 1 && channels != 3 {
            throw DataError("image folder: channels must be 1 (grey) or 3 (RGB), got \(channels)")
        }
        try FileBytes.requireDirectory(directory, holding: "PNG or JPEG images")
        var seen: Set<FileIdentity> = FileIdentity(directory).map { [$0] } ?? []
        let (folders, images) = try entries(of: directory, seen: &seen)
        var files: [String] = [], labels: [Int] = []
        if folders.isEmpty {
            files = images
            labels = Array(repeating: 0, count: images.count)
        } else {
            guard images.isEmpty else {
                throw DataError(file: directory, """
                    holds both class folders (\(folders.map(\.name).joined(separator: ", "))) and images \
                    (\(images.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))); \
                    move the images into class folders
                    """)
            }
            for (label, folder) in folders.enumerated() {
                let members = try imagesBelow(folder.path, seen: &seen)
                guard !members.isEmpty else {
                    throw DataError(file: folder.path, "class folder \"\(folder.name)\" holds no PNG or JPEG files")
                }
                files += members
                labels += Array(repeating: label, count: members.count)
            }
        }
        guard !files.isEmpty else {
            throw DataError(file: directory, "holds no PNG or JPEG files (looked for .png, .jpg and .jpeg)")
        }
        let dataset = try decode(files, labels: labels, channels: channels, side: side)
        return ImageFolder(dataset: dataset, classNames: folders.map(\.name), files: files)
    }

    /// Decodes `files` into one data set, checking that they agree in size and channels; with `side`, each image is
    /// resized to `side`×`side` as soon as it is decoded (`ImageDataset.resized`, the same values as resizing the
    /// whole data set afterwards, in the memory of the smaller images).
    static func decode(_ files: [String], labels: [Int], channels requested: Int?, side: Int? = nil) throws -> ImageDataset {
        var first: (path: String, image: Image)?
        var pixels: [UInt8] = []
        for path in files {
            var image = try ImageFile.read(path)
            if let requested { image = image.converted(toChannels: requested) }
            if let first {
                guard image.width == first.image.width && image.height == first.image.height else {
                    throw DataError(file: path, """
                        is \(image.width)×\(image.height) pixels, but the first image (\(first.path)) is \
                        \(first.image.width)×\(first.image.height); all images must share one size
                        """)
                }
                guard image.channels == first.image.channels else {
                    throw DataError(file: path, """
                        is \(describe(image.channels)), but the first image (\(first.path)) is \
                        \(describe(first.image.channels)); ask for 1 or 3 channels to convert every image
                        """)
                }
            } else {
                first = (path, image)
                pixels.reserveCapacity(files.count * image.channels * (side.map { $0 * $0 } ?? image.width * image.height))
            }
            guard let side else {
                pixels += image.planarPixels
                continue
            }
            let one = ImageDataset(pixels: image.planarPixels, labels: [0], channels: image.channels, height: image.height, width: image.width)
            pixels += try one.resized(height: side, width: side).pixels
        }
        let shape = first!.image
        return ImageDataset(pixels: pixels, labels: labels, channels: shape.channels, height: side ?? shape.height, width: side ?? shape.width)
    }

    private static func describe(_ channels: Int) -> String {
        channels == 1 ? "grey (1 channel)" : "RGB (3 channels)"
    }

    /// The visible subfolders (sorted by name) and image files (sorted by path) directly inside `directory`, leaving
    /// out those `seen` holds and adding the others to it.
    private static func entries(of directory: String, seen: inout Set<FileIdentity>)
        throws -> (folders: [(name: String, path: String)], images: [String]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DataError(file: directory, "cannot be listed (\(error.localizedDescription))")
        }
        var folders: [(name: String, path: String)] = [], images: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let isImage = ImageFile.extensions.contains((name as NSString).pathExtension.lowercased())
            guard isDirectory.boolValue || isImage, let identity = FileIdentity(path), seen.insert(identity).inserted else { continue }
            if isDirectory.boolValue {
                folders.append((name, path))
            } else {
                images.append(path)
            }
        }
        return (folders, images)
    }

    /// The image files anywhere below `directory` not in `seen`, sorted by path.
    private static func imagesBelow(_ directory: String, seen: inout Set<FileIdentity>) throws -> [String] {
        let (folders, images) = try entries(of: directory, seen: &seen)
        var found = images
        for folder in folders { found += try imagesBelow(folder.path, seen: &seen) }
        return found.sorted()
    }
}

/// A file or folder's device and inode: the same for every path that leads to it.
private struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    /// The identity of what `path` leads to (following links), or nil when it cannot be examined.
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
