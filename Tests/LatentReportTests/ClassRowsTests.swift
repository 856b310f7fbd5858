import LatentModels
import LatentNN
import LatentReport
import Testing

// The sample grids of class-conditional models: one row per class, one latent vector per column.

/// A class-conditional generator whose sample is its latent vector's first value plus 100 times its label,
/// broadcast over a 1×2×2 image.
private final class LabelEchoGenerator: ClassConditionalGenerating {
    let latentShape = [3]
    let classCount: Int? = 4

    func generate(_ z: Tensor) -> Tensor { generate(z, labels: cyclingLabels(count: z.shape[0], classCount: 4)) }

    func generate(_ z: Tensor, labels: [Int]) -> Tensor {
        let values = (0..<z.shape[0]).flatMap { row in
            Array(repeating: z.values[row * 3] + 100 * Float(labels[row]), count: 4)
        }
        return Tensor(values, shape: [z.shape[0], 1, 2, 2])
    }
}

@Suite struct ClassRowsTests {
    @Test func rowRIsClassRAndEachColumnKeepsItsLatentVector() {
        let z = Tensor((0..<15).map(Float.init), shape: [5, 3])
        let (rows, labels) = ClassRows.latents(z, columns: 3, classCount: 4)
        #expect(rows.shape == [12, 3])
        #expect(labels == [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3])
        for sample in 0..<12 {
            #expect(Array(rows.values[(sample * 3)..<(sample * 3 + 3)]) == Array(z.values[((sample % 3) * 3)..<((sample % 3) * 3 + 3)]))
        }
    }

    @Test func conditionalModelsGetAGridOfOneRowPerClass() {
        let z = Tensor((0..<30).map(Float.init), shape: [10, 3])
        let samples = ClassRows.samples(of: LabelEchoGenerator(), z, columns: 8)
        #expect(samples.shape == [32, 1, 2, 2])
        for sample in 0..<32 {
            #expect(samples.values[sample * 4] == Float((sample % 8) * 3) + 100 * Float(sample / 8), "sample \(sample)")
        }
        let grid = ImageGrid.make(images: samples, columns: 8, padding: 2)
        #expect(grid.width == 8 * 4 + 2 && grid.height == 4 * 4 + 2)
    }
}
