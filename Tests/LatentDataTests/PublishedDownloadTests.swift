import Foundation
import LatentData
import LatentTestSupport
import Testing

/// The downloads of horse2zebra, pix2pix's archives, STL-10 and CelebA, against tiny stand-ins served under the
/// published file names from a local server.
@Suite struct PublishedDownloadTests {
    @Test func sourcesCarryThePublishedChecksums() {
        func url(_ source: DownloadSource, _ file: Int = 0) -> String? {
            source.mirrors.first?.appendingPathComponent(source.files[file].name).absoluteString
        }
        #expect(url(.horse2zebra) == "https://efrosgans.eecs.berkeley.edu/cyclegan/datasets/horse2zebra.zip")
        #expect(DownloadSource.horse2zebra.files[0].checksum == .sha256("a74d9d392eecca9966b51287a76ca126af473d9de4f3e8fc0e9cda08fa1730a1"))
        #expect(url(.facades) == "https://efrosgans.eecs.berkeley.edu/pix2pix/datasets/facades.tar.gz")
        #expect(url(.edges2shoes) == "https://efrosgans.eecs.berkeley.edu/pix2pix/datasets/edges2shoes.tar.gz")
        #expect(DownloadSource.facades.files[0].checksum == .notPublished)
        #expect(url(.stl10) == "http://ai.stanford.edu/~acoates/stl10/stl10_binary.tar.gz")
        #expect(DownloadSource.stl10.files[0].checksum == .md5("91f7769df0f17e558f3565bffb0c7dfb"))
        #expect(DownloadSource.celeba.mirrors.isEmpty)
        #expect(DownloadSource.celeba.files.map(\.name) == ["list_eval_partition.txt", "list_attr_celeba.txt", "img_align_celeba.zip"])
    }

    /// A folder served over HTTP holding `files` (name → bytes); `body` gets the server's base URL and a new target.
    static func serving(_ files: [String: [UInt8]], _ body: (URL, String) throws -> Void) throws {
        let served = try TestFiles.makeDirectory(), target = try TestFiles.makeDirectory()
        defer { TestFiles.remove(served); TestFiles.remove(target) }
        for (name, bytes) in files { try TestFiles.write(bytes, to: served + "/" + name) }
        let server = try LocalHTTPServer(serving: served)
        defer { server.stop() }
        try body(server.baseURL, target)
    }

    @Test func horse2zebraIsRefusedUnlessItMatchesThenUnpacksWhereTheCatalogReadsIt() throws {
        let png = try PNG.encode(Image(width: 4, height: 4, channels: 3, value: 200))
        let members = ["trainA/a.png", "trainB/b.png", "testA/c.png", "testB/d.png"].map {
            ArchiveUnpackingTests.Member(path: "horse2zebra/" + $0, contents: png, deflate: true)
        }
        let archive = try ArchiveUnpackingTests.zip(members)
        try Self.serving(["horse2zebra.zip": archive]) { base, target in
            let refusal = dataErrorMessage { try DatasetDownload.fetch("horse2zebra", into: URL(fileURLWithPath: target), baseURL: base) }
            #expect(refusal?.contains("SHA-256 mismatch") == true && refusal?.contains("expected a74d9d392eecca99") == true)
            #expect(try DatasetDownloadTests.listing(target).isEmpty)

            let standIn = DownloadSource(name: "horse2zebra", mirrors: [base],
                                         files: [RemoteFile(name: "horse2zebra.zip", checksum: .sha256(SHA256.hexDigest(archive)))],
                                         unpacking: DownloadSource.horse2zebra.unpacking)
            try DatasetDownload.fetch(standIn, into: URL(fileURLWithPath: target))
            #expect(try DatasetDownloadTests.listing(target) == ["horse2zebra"])
            // The archive's own top folder is found inside the data set's folder.
            let train = try #require(DatasetCatalog().load("horse2zebra", split: .train, dataDirectory: target).images)
            #expect(train.count == 1 && train.channels == 6 && train.width == 4)
        }
    }

    @Test func pix2pixArchivesHaveNoPublishedChecksumAndAreUnpackedUnverified() throws {
        let archive = try TestFiles.gzip(TarArchiveTests.tar(["facades/train/1.jpg": [1], "facades/val/2.jpg": [2]], format: "gnu"))
        try Self.serving(["facades.tar.gz": archive]) { base, target in
            let events = DatasetDownloadTests.Events()
            try DatasetDownload.fetch("facades", into: URL(fileURLWithPath: target), baseURL: base, progress: events.record)
            #expect(events.all.contains(.unverified(file: "facades.tar.gz")) && events.verified.isEmpty)
            #expect(events.all.last == .unpacked(folder: "facades"))
            #expect(try DatasetDownloadTests.listing(target + "/facades") == ["train", "val"])
        }
    }

    @Test func stl10AndCelebAAreCheckedAgainstTheirPublishedMD5s() throws {
        try Self.serving(["stl10_binary.tar.gz": [1, 2, 3], "list_eval_partition.txt": Array("000001.jpg 0\n".utf8)]) { base, target in
            let stl = dataErrorMessage { try DatasetDownload.fetch("stl10", into: URL(fileURLWithPath: target), baseURL: base) }
            #expect(stl?.contains("MD5 mismatch for the 3 bytes") == true && stl?.contains("expected 91f7769df0f17e558f3565bffb0c7dfb") == true)
            let celeba = dataErrorMessage { try DatasetDownload.fetch("celeba", into: URL(fileURLWithPath: target), baseURL: base) }
            #expect(celeba?.contains("expected d32c9cbf5e040fd4025c592c306e6668") == true)
            let left = try DatasetDownloadTests.listing(target)
            #expect(left.isEmpty)
        }
        let target = try TestFiles.makeDirectory()
        defer { TestFiles.remove(target) }
        let noMirror = dataErrorMessage { try DatasetDownload.fetch("celeba", into: URL(fileURLWithPath: target)) }
        #expect(noMirror?.hasPrefix("\(target)/list_eval_partition.txt: no mirror serves celeba's files by plain URL; download img_align_celeba.zip") == true)
        #expect(noMirror?.contains("--base-url file:///FOLDER/") == true)
    }

    @Test func stl10ArchiveUnpacksWhereTheLoaderReadsIt() throws {
        let files = ["stl10_binary/train_X.bin": STL10AndCelebATests.imagesFile(count: 2), "stl10_binary/train_y.bin": [3, 4],
                     "stl10_binary/class_names.txt": Array(STL10.classNames.joined(separator: "\n").utf8)]
        let archive = try TestFiles.gzip(TarArchiveTests.tar(files, format: "gnu"))
        try Self.serving(["stl10_binary.tar.gz": archive]) { base, target in
            let standIn = DownloadSource(name: "stl10", mirrors: [base],
                                         files: [RemoteFile(name: "stl10_binary.tar.gz", checksum: .md5(MD5.hexDigest(archive)))],
                                         unpacking: DownloadSource.stl10.unpacking)
            try DatasetDownload.fetch(standIn, into: URL(fileURLWithPath: target))
            #expect(try DatasetDownloadTests.listing(target) == ["stl10_binary"])
            #expect(try STL10.load(.train, from: target, count: 2).labels == [2, 3])
        }
    }
}
