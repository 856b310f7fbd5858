import LatentData
import LatentTensor

/// Tiling a batch of images into one picture, as torchvision's `make_grid` does.
public enum ImageGrid {
    /// One image holding the `[N, C, H, W]` batch (C is 1 or 3) in rows of `columns` images,
    /// with `padding` pixels of `padValue` (in [0, 1]) around and between them.
    ///
    /// Image k sits at row `k / columns`, column `k % columns`; the grid has
    /// `min(columns, N)` columns and `ceil(N / columns)` rows, and each cell is `(H + padding) × (W + padding)`
    /// plus `padding` at the right and bottom edge. Grey batches give a grey grid.
    public static func make(
        images: Tensor, columns: Int = 8, padding: Int = 2, range: PixelRange = .zeroToOne, padValue: Float = 0
    ) -> Image {
        precondition(images.rank == 4 && (images.shape[1] == 1 || images.shape[1] == 3) && images.shape[0] > 0,
                     "ImageGrid.make: expected shape [N, C, H, W] with N > 0 and C 1 or 3, got shape \(images.shape)")
        precondition(columns > 0 && padding >= 0,
                     "ImageGrid.make: expected columns > 0 and padding >= 0, got \(columns) and \(padding)")
        let (count, channels, height, width) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let gridColumns = Swift.min(columns, count)
        let gridRows = (count + gridColumns - 1) / gridColumns
        let cellHeight = height + padding
        let cellWidth = width + padding
        let gridWidth = gridColumns * cellWidth + padding
        var grid = Image(width: gridWidth, height: gridRows * cellHeight + padding, channels: channels,
                         value: PixelRange.zeroToOne.byte(padValue))
        let plane = height * width
        images.withValues { values in
            for k in 0..<count {
                let top = (k / gridColumns) * cellHeight + padding
                let left = (k % gridColumns) * cellWidth + padding
                let base = k * channels * plane
                for channel in 0..<channels {
                    for y in 0..<height {
                        for x in 0..<width {
                            let value = values[base + channel * plane + y * width + x]
                            grid.pixels[((top + y) * gridWidth + left + x) * channels + channel] = range.byte(value)
                        }
                    }
                }
            }
        }
        return grid
    }

    /// Writes the grid of `images` (see `make`) as a PNG file at `path`, atomically.
    public static func save(
        images: Tensor, to path: String, columns: Int = 8, padding: Int = 2, range: PixelRange = .zeroToOne,
        padValue: Float = 0
    ) throws {
        try PNG.write(make(images: images, columns: columns, padding: padding, range: range, padValue: padValue),
                      to: path)
    }
}
