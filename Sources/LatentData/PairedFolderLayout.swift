import Foundation

/// Where the splits of a paired data set lie in its folder `root`:
/// - `paired` (pix2pix's side-by-side images): the training split is `root/train/` when that folder exists,
///   else `root/` itself; the test split is `root/test/`, else `root/val/` (edges2shoes has no test folder);
/// - `paired-folders` (two folders of images matched by name): the split folder, chosen the same way, holds
///   `A/` and `B/`.
public enum PairedFolderLayout {
    /// The folder holding `split` of the paired data set in `root`; throws naming `root` when the test split
    /// is asked for and it has neither `test/` nor `val/`.
    public static func splitFolder(_ root: String, split: DataSplit) throws -> String {
        let candidates = split == .train ? ["train"] : ["test", "val"]
        if let found = candidates.map({ root + "/" + $0 }).first(where: isDirectory) { return found }
        guard split == .train else {
            throw DataError(file: root, "has no test/ or val/ folder, so the paired data set has no test split")
        }
        return root
    }

    /// The side-by-side pairs of `split` in `root` (see `PairedImages.sideBySide`).
    public static func sideBySide(_ root: String, split: DataSplit, direction: PairedImages.Direction, channels: Int?) throws -> ImageDataset {
        try PairedImages.sideBySide(try splitFolder(root, split: split), direction: direction, channels: channels)
    }

    /// The pairs of `split`'s `A/` and `B/` folders in `root`, A the source unless `direction` is `.bToA`.
    public static func matchedFolders(_ root: String, split: DataSplit, direction: PairedImages.Direction, channels: Int?) throws -> ImageDataset {
        let folder = try splitFolder(root, split: split)
        for side in ["A", "B"] where !isDirectory(folder + "/" + side) {
            throw DataError(file: folder, "has no \(side)/ folder; two matched folders need \(folder)/A and \(folder)/B")
        }
        let (a, b) = (folder + "/A", folder + "/B")
        return direction == .aToB
            ? try PairedImages.matched(sources: a, targets: b, channels: channels)
            : try PairedImages.matched(sources: b, targets: a, channels: channels)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
