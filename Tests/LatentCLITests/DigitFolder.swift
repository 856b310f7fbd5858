import Foundation
import LatentData

/// Writes MNIST test digits `offset ..< offset + count` as PNG files into the folder `name` under `root`; returns its path.
func writeDigitFolder(_ root: URL, _ name: String, offset: Int, count: Int) throws -> String {
    let folder = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let test = try MNIST.load(.test, from: LatentProcess.mnist)
    for index in offset..<(offset + count) {
        let pixels = Array(test.pixels[(index * 784)..<((index + 1) * 784)])
        try PNG.write(Image(width: 28, height: 28, channels: 1, pixels: pixels), to: folder.appendingPathComponent("\(index).png").path)
    }
    return folder.path
}
