import Foundation
import LatentNN
import LatentTestSupport
import Testing

// Writes the files that Scripts/check_pytorch_interop.py loads into PyTorch: a small model's state
// dict (`model.safetensors`) and a fixed input with Latent's output for it (`io.safetensors`).
// They go to $LATENT_INTEROP_DIR when it is set, else to a temporary directory.

/// The model of the interop check; the Python script builds the same one with torch.nn.
func interopModel() -> Sequential {
    Sequential(
        Conv2d(1, 4, kernelSize: 3, stride: 2, padding: 1), BatchNorm2d(4), LeakyReLU(negativeSlope: 0.2),
        ConvTranspose2d(4, 2, kernelSize: 4, stride: 2, padding: 1, bias: false), BatchNorm2d(2), ReLU(),
        Flatten(), Linear(2 * 8 * 8, 6), BatchNorm1d(6), Tanh(), Linear(6, 3))
}

@Test func writesTheInteropFiles() throws {
    let environment = ProcessInfo.processInfo.environment["LATENT_INTEROP_DIR"]
    let directory = try environment.map { URL(fileURLWithPath: $0) } ?? makeTemporaryDirectory()
    defer { if environment == nil { try? FileManager.default.removeItem(at: directory) } }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

    var generator = RandomGenerator(seed: 3)
    let model = interopModel()
    // A few training-mode passes move the running statistics away from their initial values.
    for _ in 0..<3 { _ = model(Tensor.randn([5, 1, 8, 8], mean: 0.5, std: 2, generator: &generator)) }
    model.eval()
    let input = Tensor.randn([4, 1, 8, 8], generator: &generator)
    let output = model(input)

    let modelFile = directory.appendingPathComponent("model.safetensors")
    try model.save(to: modelFile, metadata: ["model": "interop"])
    try SafeTensors.write([("input", input), ("output", output)], to: directory.appendingPathComponent("io.safetensors"))

    let reloaded = interopModel().eval()
    try reloaded.load(from: modelFile)
    #expect(reloaded(input).values == output.values)
    #expect(try SafeTensors(contentsOf: modelFile).tensor("1.num_batches_tracked").item == 3)
}
