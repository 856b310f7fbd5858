import Foundation
import LatentData
import LatentTestSupport
import Testing

/// Downloads from a local HTTP server (no network), serving fixture files under the published names.
@Suite struct DatasetDownloadTests {
    /// The names in `directory`, hidden ones included, sorted.
    static func listing(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// The events a fetch reports, collected.
    final class Events: @unchecked Sendable {
        var all: [DownloadEvent] = []
        func record(_ event: DownloadEvent) { all.append(event) }
        var verified: [String] { all.compactMap { if case .verified(let file) = $0 { file } else { nil } } }
        var present: [String] { all.compactMap { if case .alreadyPresent(let name) = $0 { name } else { nil } } }
    }

    @Test func builtInSourcesPointAtThePublishers() {
        func urls(_ source: DownloadSource, _ file: Int) -> [String] {
            source.mirrors.map { $0.appendingPathComponent(source.files[file].name).absoluteString }
        }
        #expect(DatasetDownload.names == ["celeba", "cifar10", "edges2shoes", "facades", "fashion-mnist", "horse2zebra", "mnist", "stl10"])
        #expect(urls(.cifar10, 0) == ["https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"])
        #expect(urls(.mnist, 3) == ["https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz",
                                    "http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz"])
        #expect(urls(.fashionMNIST, 0).first
            == "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/t10k-labels-idx1-ubyte.gz")
        guard case .tarGzip(let folder, let members) = DownloadSource.cifar10.unpacking else {
            Issue.record("CIFAR-10 is published as a tar.gz archive")
            return
        }
        #expect(folder == "cifar-10-batches-bin" && members.count == 6 && Set(members.values) == [30_730_000])
    }

    @Test func mnistFilesAreCheckedAgainstThePublishedMD5() throws {
        // The bundled copy: three files are the published ones; the training images were re-compressed, so
        // their gzip file differs from the published one and must be refused.
        let server = try LocalHTTPServer(serving: TestFiles.bundledMNIST)
        defer { server.stop() }
        let target = try TestFiles.makeDirectory()
        defer { TestFiles.remove(target) }
        let events = Events()
        let message = dataErrorMessage {
            try DatasetDownload.fetch("mnist", into: URL(fileURLWithPath: target), baseURL: server.baseURL, progress: events.record)
        }
        let url = server.baseURL.appendingPathComponent("train-images-idx3-ubyte.gz").absoluteString
        #expect(message == """
            \(target)/train-images-idx3-ubyte.gz: MD5 mismatch for the 9630634 bytes fetched from \(url): \
            expected f68b3c2dcbeaaa9fbdd348bbdeb94873, found 56f11203c65dcbeead45b51e76a4d637; the download is \
            corrupt or the file changed at its source
            """)
        #expect(events.verified == ["t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"])
        #expect(events.all.contains(.received(file: "t10k-images-idx3-ubyte.gz", bytes: 1_648_877, expectedBytes: 1_648_877)))
        // Nothing is left of the refused file, not even its temporary copy.
        #expect(try Self.listing(target) == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz"])
        let kept = try contents(of: target + "/t10k-labels-idx1-ubyte.gz")
        #expect(kept == (try contents(of: TestFiles.bundledMNIST + "/t10k-labels-idx1-ubyte.gz")))

        // A second fetch keeps the verified files and tries only the missing one.
        let again = Events()
        _ = dataErrorMessage {
            try DatasetDownload.fetch("mnist", into: URL(fileURLWithPath: target), baseURL: server.baseURL, progress: again.record)
        }
        #expect(again.present == ["t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"])
    }

    @Test func filesAreDigestedPieceByPieceAsInMemory() throws {
        let directory = try TestFiles.makeDirectory()
        defer { TestFiles.remove(directory) }
        // Sizes around the padding's boundaries, and one past the 64 KiB pieces a file is read in.
        func pattern(_ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) } }
        for size in [0, 55, 56, 64, 119, (1 << 16) + 100] {
            let bytes = pattern(size)
            let path = directory + "/\(size).bin"
            try TestFiles.write(bytes, to: path)
            try FileChecksum.md5(MD5.hexDigest(bytes)).verify(file: path, path: path, origin: "test")
            try FileChecksum.sha256(SHA256.hexDigest(bytes)).verify(file: path, path: path, origin: "test")
        }
        let path = directory + "/55.bin"
        #expect(dataErrorMessage { try FileChecksum.md5(String(repeating: "0", count: 32)).verify(file: path, path: path, origin: "here") }
            == "\(path): MD5 mismatch for the 55 bytes fetched from here: expected 00000000000000000000000000000000, found \(MD5.hexDigest(pattern(55))); the download is corrupt or the file changed at its source")
    }

    @Test func customSourceIsFetchedVerifiedAndKept() throws {
        let served = try TestFiles.makeDirectory(), target = try TestFiles.makeDirectory() + "/nested/data"
        defer { TestFiles.remove(served); TestFiles.remove((target as NSString).deletingLastPathComponent) }
        let first: [UInt8] = Array("first file\n".utf8), second = [UInt8](repeating: 42, count: 70_000)
        try TestFiles.write(first, to: served + "/one.txt")
        try TestFiles.write(second, to: served + "/two.bin")
        let server = try LocalHTTPServer(serving: served)
        defer { server.stop() }
        let source = DownloadSource(name: "fixture", mirrors: [server.baseURL], files: [
            RemoteFile(name: "one.txt", checksum: .md5(MD5.hexDigest(first))),
            RemoteFile(name: "two.bin", checksum: .sha256(SHA256.hexDigest(second)), size: 70_000),
        ])
        let events = Events()
        try DatasetDownload.fetch(source, into: URL(fileURLWithPath: target), progress: events.record)
        #expect(try Self.listing(target) == ["one.txt", "two.bin"])
        #expect(try contents(of: target + "/two.bin") == second)
        #expect(events.all.first == .started(file: "one.txt", url: server.baseURL.appendingPathComponent("one.txt"), expectedBytes: nil))
        #expect(events.verified == ["one.txt", "two.bin"])
    }

    @Test func everyMirrorsFailureIsListed() throws {
        let served = try TestFiles.makeDirectory(), target = try TestFiles.makeDirectory()
        defer { TestFiles.remove(served); TestFiles.remove(target) }
        try TestFiles.write([1, 2, 3], to: served + "/wrong.bin")
        let server = try LocalHTTPServer(serving: served)
        defer { server.stop() }
        let missing = server.baseURL.appendingPathComponent("elsewhere/")
        let source = DownloadSource(name: "fixture", mirrors: [missing, server.baseURL], files: [
            RemoteFile(name: "wrong.bin", checksum: .md5(String(repeating: "0", count: 32))),
        ])
        let message = dataErrorMessage { try DatasetDownload.fetch(source, into: URL(fileURLWithPath: target)) }
        #expect(message?.hasPrefix("\(target)/wrong.bin: could not be fetched from any mirror:\n  - \(missing.absoluteString)wrong.bin: download failed (curl exit status 22") == true)
        #expect(message?.contains("\n  - \(target)/wrong.bin: MD5 mismatch for the 3 bytes fetched from \(server.baseURL.absoluteString)wrong.bin") == true)
        #expect(try Self.listing(target).isEmpty)
        #expect(dataErrorMessage { try DatasetDownload.fetch("imagenet", into: URL(fileURLWithPath: target)) }
            == "no download for data set \"imagenet\"; downloadable: \(DatasetDownload.names.joined(separator: ", "))")
    }

    @Test func cifarArchiveIsUnpackedIntoItsBatchFolder() throws {
        let served = try TestFiles.makeDirectory(), target = try TestFiles.makeDirectory()
        defer { TestFiles.remove(served); TestFiles.remove(target) }
        let names = CIFAR10.fileNames(.train) + CIFAR10.fileNames(.test)
        var members: [String: [UInt8]] = ["cifar-10-batches-bin/readme.html": Array("<html/>".utf8)]
        for (number, name) in names.enumerated() {
            members["cifar-10-batches-bin/" + name] = CIFAR10Tests.record(label: UInt8(number), seed: number)
                + CIFAR10Tests.record(label: 9, seed: 0)
        }
        let archive = try TestFiles.gzip(TarArchiveTests.tar(members, format: "gnu"))
        try TestFiles.write(archive, to: served + "/cifar-10-binary.tar.gz")
        let server = try LocalHTTPServer(serving: served)
        defer { server.stop() }

        // The published archive's checksum refuses this one, and nothing is left behind.
        let refusal = dataErrorMessage { try DatasetDownload.fetch("cifar10", into: URL(fileURLWithPath: target), baseURL: server.baseURL) }
        #expect(refusal?.contains("MD5 mismatch") == true && refusal?.contains("expected c32a1d4ab5d03f1284b67883e8d87530") == true)
        #expect(try Self.listing(target).isEmpty)

        let source = DownloadSource(
            name: "cifar10", mirrors: [server.baseURL],
            files: [RemoteFile(name: "cifar-10-binary.tar.gz", checksum: .md5(MD5.hexDigest(archive)))],
            unpacking: .tarGzip(folder: "cifar-10-batches-bin", members: Dictionary(uniqueKeysWithValues: names.map { ($0, 2 * 3073) })))
        let events = Events()
        try DatasetDownload.fetch(source, into: URL(fileURLWithPath: target), progress: events.record)
        #expect(events.all.last == .unpacked(folder: "cifar-10-batches-bin"))
        #expect(try Self.listing(target) == ["cifar-10-batches-bin"])
        #expect(try Self.listing(target + "/cifar-10-batches-bin") == names.sorted())
        let train = try CIFAR10.load(.train, from: target, recordsPerFile: 2)
        #expect(train.labels == [0, 9, 1, 9, 2, 9, 3, 9, 4, 9])
        let again = Events()
        try DatasetDownload.fetch(source, into: URL(fileURLWithPath: target), progress: again.record)
        #expect(again.all == [.alreadyPresent(name: "cifar-10-batches-bin")])
    }
}

/// The bytes of a file, for comparing files.
private func contents(of path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
