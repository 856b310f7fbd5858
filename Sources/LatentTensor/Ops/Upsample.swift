// Upsampling of [N, C, H, W] batches, as PyTorch's F.interpolate.

extension Tensor {
    /// Each pixel repeated `scaleFactor` times along height and width (`mode="nearest"`).
    public func upsampleNearest2d(scaleFactor: (Int, Int)) -> Tensor {
        precondition(rank == 4, "upsampleNearest2d: expected input [N, C, H, W], got shape \(shape)")
        precondition(scaleFactor.0 >= 1 && scaleFactor.1 >= 1,
                     "upsampleNearest2d: scale factor must be positive, got \(scaleFactor) for shape \(shape)")
        return Tensor.resampled(self, rows: AxisTaps.nearest(input: shape[2], scale: scaleFactor.0),
                                cols: AxisTaps.nearest(input: shape[3], scale: scaleFactor.1))
    }

    /// Bilinear interpolation to `outputSize` (`mode="bilinear"`, `align_corners=False`).
    public func upsampleBilinear2d(outputSize: (Int, Int)) -> Tensor {
        precondition(rank == 4, "upsampleBilinear2d: expected input [N, C, H, W], got shape \(shape)")
        precondition(outputSize.0 >= 1 && outputSize.1 >= 1 && shape[2] >= 1 && shape[3] >= 1,
                     "upsampleBilinear2d: output size must be positive, got \(outputSize) for shape \(shape)")
        return Tensor.resampled(self, rows: AxisTaps.linear(input: shape[2], output: outputSize.0),
                                cols: AxisTaps.linear(input: shape[3], output: outputSize.1))
    }
}
