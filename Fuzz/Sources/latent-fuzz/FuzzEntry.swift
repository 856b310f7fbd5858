import FuzzHarness
import Foundation

/// The format this process fuzzes, named by the environment variable `LATENT_FUZZ_FORMAT`.
private let format: FuzzFormat = {
    let name = ProcessInfo.processInfo.environment["LATENT_FUZZ_FORMAT"] ?? ""
    guard let format = FuzzFormat(rawValue: name) else {
        let known = FuzzFormat.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("latent-fuzz: set LATENT_FUZZ_FORMAT to one of \(known) (got \"\(name)\")\n".utf8))
        exit(2)
    }
    return format
}()

/// libFuzzer's entry point: parses one input as `format`. A thrown error is a correct answer to a malformed
/// file; only a crash (a trap, or a memory error AddressSanitizer reports) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? format.parse(bytes)
    return 0
}
