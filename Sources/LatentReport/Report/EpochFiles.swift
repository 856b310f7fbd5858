import Foundation

/// Files named `epoch-NNNN.EXT` in one folder of a run (sample grids, histograms), by epoch.
enum EpochFiles {
    /// The epoch of each file in `folder` named `epoch-<digits>.<fileExtension>`, sorted by epoch;
    /// empty when the folder does not exist.
    static func list(in folder: URL, fileExtension: String) -> [(epoch: Int, url: URL)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let suffix = "." + fileExtension
        return names.compactMap { name -> (epoch: Int, url: URL)? in
            guard name.hasPrefix("epoch-"), name.hasSuffix(suffix) else { return nil }
            let digits = name.dropFirst("epoch-".count).dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let epoch = Int(digits) else { return nil }
            return (epoch, folder.appendingPathComponent(name))
        }.sorted { $0.epoch < $1.epoch }
    }
}
