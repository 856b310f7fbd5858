import Foundation
import LatentData
import LatentMetrics
import LatentModels
import LatentNN
import LatentReport

/// A format of untrusted files that Latent reads, with the public entry point that parses it
/// (docs/security.md lists what each accepts and refuses).
public enum FuzzFormat: String, CaseIterable, Sendable {
    /// A safetensors file, its header and every tensor's data.
    case safetensors
    /// A checkpoint's `manifest.json`, loaded with the checkpoint it describes.
    case checkpoint
    /// A PyTorch file: zip, legacy or TorchScript, and the pickles inside.
    case torch
    /// PNG and JPEG images, through libpng and libjpeg.
    case png, jpeg
    /// An IDX file (MNIST), raw or gzip-compressed, read as images and as labels.
    case idx
    /// A CIFAR-10 binary batch.
    case cifar10
    /// A tar archive.
    case tar
    /// A zip archive unpacked by a download: the files under `data/`, within small limits, and their contents.
    case zip
    /// A run's `config.yaml` (or a `--config` file), complete or partial.
    case config
    /// A run's `metrics.jsonl`.
    case metrics
    /// A feature-statistics file (FID's mean and covariance, safetensors).
    case statistics

    /// Parses `bytes` as this format; throws the parser's error when they are malformed.
    /// Any other way of ending (a trap, a memory error) is a bug in the parser.
    public func parse(_ bytes: [UInt8]) throws {
        switch self {
        case .safetensors:
            let file = try SafeTensors(data: Data(bytes), path: "input.safetensors")
            for name in file.names {
                _ = try file.tensor(name)
                _ = try file.doubles(name)
            }
        case .checkpoint:
            try ScratchFiles.shared.loadCheckpoint(manifest: bytes)
        case .torch:
            _ = try TorchFile.tensors(in: bytes, name: "input.pt")
        case .png:
            _ = try PNG.decode(bytes, name: "input.png")
        case .jpeg:
            _ = try JPEG.decode(bytes, name: "input.jpg")
        case .idx:
            // A file that is not images is read as labels.
            try ScratchFiles.shared.read(bytes, as: "input-idx") { path in
                do {
                    _ = try IDX.readImages(at: path)
                } catch {
                    _ = try IDX.readLabels(at: path)
                }
            }
        case .cifar10:
            var pixels: [UInt8] = [], labels: [Int] = []
            try CIFAR10.parseBatch(bytes, name: "input.bin", expectedRecords: nil, into: &pixels, labels: &labels)
        case .tar:
            _ = try TarArchive.files(in: bytes, name: "input.tar")
        case .zip:
            let archive = try ZipArchive(bytes: bytes, name: "input.zip")
            for (_, entry) in try archive.files(under: "data", limits: UnpackLimits(maximumMembers: 1000, maximumBytes: 1 << 24)) {
                _ = try archive.contents(of: entry)
            }
        case .config:
            // A file that is not a complete configuration is read as a partial one (a `--config` file).
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try RunConfiguration(yaml: text)
            } catch {
                _ = try RunConfiguration(yaml: text, defaults: ScratchFiles.defaultConfiguration)
            }
        case .metrics:
            _ = MetricsHistory(data: Data(bytes))
        case .statistics:
            _ = try ScratchFiles.shared.read(bytes, as: "input-statistics.safetensors") { path in
                try FeatureStatistics.load(from: URL(fileURLWithPath: path))
            }
        }
    }
}
