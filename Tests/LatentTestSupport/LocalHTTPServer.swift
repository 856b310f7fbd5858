import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.0 server on 127.0.0.1 (a free port) that serves the files of one folder to GET requests,
/// answering 404 for anything else, so that download tests run without a network.
public final class LocalHTTPServer: @unchecked Sendable {
    /// The base URL of the served folder, ending in "/".
    public let baseURL: URL
    private let listener: Int32
    private let root: String

    /// Serves the files of the folder `root`.
    public init(serving root: String) throws {
        self.root = root
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw ServerError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard bound == 0, listen(listener, 8) == 0 else { throw ServerError("bind or listen failed") }
        var actual = sockaddr_in()
        var actualLength = length
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &actualLength) }
        }
        baseURL = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: actual.sin_port))/")!
        self.listener = listener
        Thread { [self] in serve() }.start()
    }

    /// Stops accepting connections.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        repeat {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { return }
            request += buffer[0..<count]
        } while !String(decoding: request, as: UTF8.self).contains("\r\n\r\n")
        let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = line.split(separator: " ")
        let name = parts.count >= 2 ? String(parts[1].dropFirst()) : ""
        let path = root + "/" + name
        let body: [UInt8]
        let status: String
        if parts.first == "GET", !name.isEmpty, !name.contains(".."), !name.contains("/"),
           let data = FileManager.default.contents(atPath: path) {
            (status, body) = ("200 OK", [UInt8](data))
        } else {
            (status, body) = ("404 Not Found", Array("not found\n".utf8))
        }
        let head = Array("HTTP/1.0 \(status)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8)
        for chunk in [head, body] {
            var sent = 0
            while sent < chunk.count {
                let count = chunk[sent...].withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                sent += count
            }
        }
    }

    /// Why the server could not start.
    public struct ServerError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
