import LatentTensor
import LatentData
import Testing

@testable import LatentReport

@Test func gridPlacesImagesLikeMakeGrid() {
    // Five 2×3 grey images with values k/4 in [0, 1], three per row, padding 1.
    let values = (0..<5).flatMap { k in [Float](repeating: Float(k) / 4, count: 6) }
    let grid = ImageGrid.make(images: Tensor(values, shape: [5, 1, 2, 3]), columns: 3, padding: 1, padValue: 1)
    // 3 columns of (3 + 1) + 1 = 13 wide; 2 rows of (2 + 1) + 1 = 7 high.
    #expect(grid.width == 13 && grid.height == 7 && grid.channels == 1)
    func pixel(_ x: Int, _ y: Int) -> UInt8 { grid.pixels[y * grid.width + x] }
    for k in 0..<5 {
        let left = (k % 3) * 4 + 1, top = (k / 3) * 3 + 1
        let expected = PixelRange.zeroToOne.byte(Float(k) / 4)
        for y in top..<top + 2 {
            for x in left..<left + 3 { #expect(pixel(x, y) == expected) }
        }
    }
    // Padding rows and columns, and the empty sixth cell, hold the pad value.
    for x in 0..<13 { #expect(pixel(x, 0) == 255 && pixel(x, 3) == 255 && pixel(x, 6) == 255) }
    for y in 0..<7 { #expect(pixel(0, y) == 255 && pixel(4, y) == 255 && pixel(12, y) == 255) }
    #expect(pixel(10, 5) == 255)
}

@Test func gridMapsMinusOneToOneAndKeepsRGB() {
    let images = Tensor([Float](repeating: -1, count: 4 * 3 * 2 * 2), shape: [4, 3, 2, 2])
    let grid = ImageGrid.make(images: images, range: .minusOneToOne, padValue: 0.5)
    // Fewer images than columns: one row of four.
    #expect(grid.width == 4 * 4 + 2 && grid.height == 6 && grid.channels == 3)
    #expect(grid.pixels[0] == 128)
    #expect(Array(grid.pixels[((2 * grid.width) + 2) * 3..<((2 * grid.width) + 3) * 3]) == [0, 0, 0])
}
