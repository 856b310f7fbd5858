import ArgumentParser
import Foundation
import LatentData
import LatentMetrics

/// `latent data`: the data sets Latent reads, and fetching those that are not bundled.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "List the data sets, or download one into the cache.",
        subcommands: [List.self, Download.self])

    /// `latent data list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the data sets with where each one is found.")

        func run() throws {
            let catalog = DatasetCatalog()
            for entry in DatasetCatalog.entries {
                Console.out("\(entry.name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(entry.summary)")
                if case .toy = entry.source {
                    Console.out("\(String(repeating: " ", count: 19))generated, nothing to download")
                } else if let directory = try? catalog.directory(for: entry.name, explicit: nil) {
                    Console.out("\(String(repeating: " ", count: 19))found in \(directory)")
                } else if entry.isDownloadable {
                    Console.out("\(String(repeating: " ", count: 19))not present: latent data download \(entry.name)")
                }
            }
        }
    }

    /// `latent data download NAME`.
    struct Download: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Download a data set from its publisher, verify its checksums, and store it in the cache.",
            discussion: "Files go to $XDG_CACHE_HOME/latent/datasets/NAME (default ~/.cache/latent/datasets/NAME), "
                + "where `latent train --dataset NAME` finds them. Files already present and intact are not fetched again. "
                + "`inception` fetches the FID Inception-v3 weights into $XDG_CACHE_HOME/latent/\(InceptionWeights.fileName), "
                + "where `--features inception` finds them; with --from FILE it converts a PyTorch file instead.")

        /// What can be downloaded: the data sets and the Inception weights.
        static var names: [String] { DatasetDownload.names + ["inception"] }

        @Argument(help: "What to download: \(Download.names.joined(separator: ", ")).")
        var name: String

        @Option(help: ArgumentHelp("Store the files here instead of the cache.", valueName: "dir"))
        var dir: String?

        @Option(help: ArgumentHelp(
            "Fetch the files from this base URL instead of the publisher's mirrors (a local mirror, or file:///FOLDER/ for files downloaded by hand).",
            valueName: "url"))
        var baseURL: String?

        @Option(help: ArgumentHelp(
            "inception only: convert this PyTorch file (pytorch-fid's pt_inception-2015-12-05-6726825d.pth) instead of downloading.",
            valueName: "file"))
        var from: String?

        func validate() throws {
            guard Download.names.contains(name) else {
                throw ValidationError("cannot download \"\(name)\"; the downloadable names are \(Download.names.joined(separator: ", "))")
            }
            guard baseURL == nil || (name != "inception" && baseURL.flatMap(URL.init(string:))?.scheme != nil) else {
                throw ValidationError("--base-url needs a URL with a scheme (https://…/ or file:///…/) and a data set, not inception")
            }
            guard from == nil || name == "inception" else {
                throw ValidationError("--from converts Inception weights; it does not apply to \(name)")
            }
        }

        func run() throws {
            if name == "inception" {
                try InceptionDownloadCommand.run(dir: dir, from: from, report: report)
                return
            }
            let target = dir.map { URL(fileURLWithPath: $0) } ?? DatasetCatalog().downloadDirectory(for: name)
            try DatasetDownload.fetch(name, into: target, baseURL: baseURL.flatMap(URL.init(string:)), progress: report)
            Console.out("\(name) is in \(target.path)")
        }

        /// Prints a download's progress.
        private var report: (DownloadEvent) -> Void {
            var lastPercent = -1
            return { event in
                switch event {
                case .started(let file, let url, _):
                    lastPercent = -1
                    Console.out("fetching \(file) from \(url.absoluteString)")
                case .received(_, let bytes, let expected?) where expected > 0:
                    let percent = bytes * 100 / expected
                    if percent / 10 != lastPercent / 10 { Console.out("  \(percent)%") }
                    lastPercent = percent
                case .received:
                    break
                case .verified(let file):
                    Console.out("  \(file): checksum verified")
                case .unverified(let file):
                    Console.out("  \(file): no checksum is published for it; not verified")
                case .alreadyPresent(let name):
                    Console.out("\(name): already present and intact")
                case .unpacked(let folder):
                    Console.out("unpacked into \(folder)")
                }
            }
        }
    }
}
