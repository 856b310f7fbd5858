import Foundation
import LatentData

/// One saved sample grid of a run (`samples/epoch-NNNN.png`).
struct SampleGridFile {
    let epoch: Int
    /// The PNG file's bytes, embedded in the report as they are.
    let png: Data
    let width: Int
    let height: Int

    /// The grid in the PNG file at `url`; throws when it is not a readable PNG.
    init(epoch: Int, url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError(file: url.path, "cannot be read (\(error.localizedDescription))")
        }
        let image = try PNG.decode([UInt8](data), name: url.path)
        self.epoch = epoch
        self.png = data
        self.width = image.width
        self.height = image.height
    }
}
