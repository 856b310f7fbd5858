/// Reading image files of the kinds LatentData decodes (PNG and JPEG), told apart by their first bytes.
public enum ImageFile {
    /// The file name extensions (lowercase, without the dot) of the files that image folders read.
    public static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    /// The image in the PNG or JPEG file at `path`, whatever its name says.
    public static func read(_ path: String) throws -> Image {
        let bytes = try FileBytes.read(path)
        if JPEG.isJPEG(bytes) { return try JPEG.decode(bytes, name: path) }
        if PNG.isPNG(bytes) { return try PNG.decode(bytes, name: path) }
        throw DataError(file: path, "neither a PNG nor a JPEG file (it does not start with either's signature)")
    }
}
