import Foundation
import LatentData
import LatentTensor
/// Writing a drawing to a file as SVG or PNG, chosen by the file's extension.
enum PlotOutput {
    static func save(_ drawing: Drawing, to path: String) throws {
        if path.lowercased().hasSuffix(".svg") {
            try AtomicFile.write(Data(SVGRenderer.render(drawing).utf8), to: URL(fileURLWithPath: path))
        } else if path.lowercased().hasSuffix(".png") {
            try PNG.write(RasterRenderer.render(drawing), to: path)
        } else {
            throw ReportError(file: path, "unknown plot format: expected a name ending in .svg or .png")
        }
    }
}
