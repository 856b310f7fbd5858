import FuzzHarness
import Foundation

/// `latent-parse FORMAT FILE...`: parses each file as FORMAT with Latent's parsers and prints, per file,
/// "ok" or the error. Exits 0 when every file was either read or refused with an error; a crash ends it
/// with a signal instead, which is what a release-build check of the fuzz regression inputs looks for.
@main
struct LatentParse {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let format = FuzzFormat(rawValue: name) else {
            let known = FuzzFormat.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: latent-parse \(known) FILE...\n".utf8))
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("latent-parse: \(path): cannot be read\n".utf8))
                exit(2)
            }
            do {
                try format.parse([UInt8](data))
                print("\(path): ok")
            } catch {
                print("\(path): refused: \(String(describing: error).prefix(300))")
            }
        }
    }
}
