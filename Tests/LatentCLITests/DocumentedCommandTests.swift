import ArgumentParser
import Foundation
import LatentCLIKit
import LatentTestSupport
import Testing

/// Every `latent …` command written in README.md, docs/ and the DocC articles parses: its subcommand, flags and
/// option values exist and pass the command's own checks, so that no documented command fails on its words.
@Suite struct DocumentedCommandTests {
    /// The documents that show commands, relative to the package root.
    static func documents() throws -> [URL] {
        let root = LatentProcess.packageRoot
        let docs = root.appendingPathComponent("docs")
        var files = [root.appendingPathComponent("README.md")]
        files += try FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
        let sources = root.appendingPathComponent("Sources")
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let catalog = sources.appendingPathComponent(module).appendingPathComponent("\(module).docc")
            guard let articles = try? FileManager.default.contentsOfDirectory(at: catalog, includingPropertiesForKeys: nil) else { continue }
            files += articles.filter { $0.pathExtension == "md" }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everyDocumentedCommandParses() throws {
        var commands: [(file: String, words: [String])] = []
        for file in try Self.documents() {
            let text = try String(contentsOf: file, encoding: .utf8)
            commands += DocumentedCommands.extract(from: text).map { (file.lastPathComponent, $0) }
        }
        // The documents show dozens of commands; fewer means the extraction broke, not that they all parse.
        #expect(commands.count > 80, "\(commands.count) commands found")
        for (file, words) in commands {
            do {
                _ = try Latent.parseAsRoot(words)
            } catch {
                Issue.record("\(file): latent \(words.joined(separator: " ")): \(Latent.message(for: error))")
            }
        }
    }

    @Test func theExtractionFindsCommandsInBlocksAndInline() {
        let text = """
            Run `latent train` (a name, not a command), then `.build/release/latent sample runs/gan --count 4`.
            ```sh
            .build/release/latent eval runs/gan \\
                --metrics fid --json    # a comment
            latent reproduce infogan-mnist --seed S --out runs/infogan-S | tee log
            for E in 1 2; do latent train dcgan --epochs $E; done
            ```
            `latent-bench --model gan` is not latent; `.build/release/latent train gan
            --steps 3` runs over two lines, and `.build/release/latent …` is a pattern.
            """
        #expect(DocumentedCommands.extract(from: text) == [
            ["sample", "runs/gan", "--count", "4"],
            ["eval", "runs/gan", "--metrics", "fid", "--json"],
            ["reproduce", "infogan-mnist", "--seed", "1", "--out", "runs/infogan-1"],
            ["train", "dcgan", "--epochs", "1"], ["train", "gan", "--steps", "3"],
        ])
    }
}

/// The `latent` command lines of a Markdown text, as argument lists: lines of code blocks (continued by a
/// trailing backslash) that start with `latent` or a path ending in `/latent`, and inline code spans that start
/// with `.build/…/latent` (in prose, `latent eval` names a command rather than runs one), cut at
/// a comment, a pipe, a redirection or the end of a shell statement. The placeholders the documents use for
/// numbers (`S`, `N`, `K`, `E`, `$E`, `$s`) become 1, in words as in paths, and `$n` (a label budget) 20. An inline span may run over
/// the lines of its paragraph.
enum DocumentedCommands {
    static func extract(from text: String) -> [[String]] {
        var lines: [String] = []
        var inBlock = false, pending = "", paragraph = ""
        func endParagraph() {
            // In prose, `latent eval` names a command; a path to the program marks one to run.
            let spans = paragraph.components(separatedBy: "`")
            lines += stride(from: 1, to: spans.count, by: 2).map { spans[$0] }.filter { $0.hasPrefix(".build/") }
            paragraph = ""
        }
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                endParagraph()
                inBlock.toggle()
            } else if inBlock {
                if trimmed.hasSuffix("\\") {
                    pending += trimmed.dropLast() + " "
                    continue
                }
                lines.append(pending + trimmed)
                pending = ""
            } else if trimmed.isEmpty {
                endParagraph()
            } else {
                paragraph += " " + trimmed
            }
        }
        endParagraph()
        return lines.flatMap(statements).compactMap(command)
    }

    /// The shell statements of `line` (split at `;`, `&&`, `do`, `then`), each cut at a comment, pipe or redirection.
    private static func statements(_ line: String) -> [String] {
        line.replacingOccurrences(of: "&&", with: ";").components(separatedBy: ";").map { statement in
            var text = statement.trimmingCharacters(in: .whitespaces)
            for keyword in ["do ", "then "] where text.hasPrefix(keyword) { text = String(text.dropFirst(keyword.count)) }
            for cut in [" #", "|", " >", " 2>"] {
                if let range = text.range(of: cut) { text = String(text[..<range.lowerBound]) }
            }
            return text.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The arguments after `latent` in `statement`, or nil when it runs something else or is a pattern rather
    /// than a command (`latent …`, `[--noise σ]`, a shell substitution).
    private static func command(_ statement: String) -> [String]? {
        let words = statement.split(separator: " ").map(String.init)
        guard let program = words.first, program == "latent" || program.hasSuffix("/latent"),
              !["…", "[", "$("].contains(where: statement.contains) else { return nil }
        return Array(words.dropFirst()).map(number)
    }

    /// `word` with the documents' number placeholders replaced by a number they stand for.
    private static func number(_ word: String) -> String {
        // `$n` runs over label budgets (20, 50, 200) in the only loop that uses it.
        if word == "$n" { return "20" }
        if ["S", "N", "K", "E", "$E", "$s", "$S"].contains(word) { return "1" }
        var result = word
        for placeholder in ["$E", "$s", "$S"] { result = result.replacingOccurrences(of: placeholder, with: "1") }
        for placeholder in ["-S", "-N", "-K"] where result.hasSuffix(placeholder) {
            result = String(result.dropLast()) + "1"
        }
        return result
    }
}
