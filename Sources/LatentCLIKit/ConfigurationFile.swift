import Foundation
import LatentModels
import LatentTensor

/// Reading a `config.yaml`, or a partial one given with `--config`.
enum ConfigurationFile {
    /// The configuration in the file at `path`, over `defaults` when given; errors name the file.
    static func read(_ path: String, defaults: RunConfiguration? = nil) throws -> RunConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("\(path): cannot be read (\(FileProblem.reading(path, error: error)))")
        }
        do {
            return try RunConfiguration(yaml: text, defaults: defaults)
        } catch {
            throw CommandFailure("\(path): \(CommandFailure.describe(error))")
        }
    }
}
