import LatentNN

// The mixed blocks of Inception-v3, as torchvision names and builds them, with the patches of
// pytorch-fid's FID network: average pooling in the pool branches does not count padding.

/// Four branches at the same resolution (1×1; 1×1 → 5×5; 1×1 → 3×3 → 3×3; 3×3 average pool → 1×1),
/// concatenated: 224 + `poolFeatures` channels out. Mixed_5b, 5c and 5d.
public final class InceptionA: Module, Layer {
    public let branch1x1: BasicConv2d
    public let branch5x5_1: BasicConv2d
    public let branch5x5_2: BasicConv2d
    public let branch3x3dbl_1: BasicConv2d
    public let branch3x3dbl_2: BasicConv2d
    public let branch3x3dbl_3: BasicConv2d
    public let branch_pool: BasicConv2d

    public init(_ inChannels: Int, poolFeatures: Int) {
        branch1x1 = BasicConv2d(inChannels, 64, kernelSize: 1)
        branch5x5_1 = BasicConv2d(inChannels, 48, kernelSize: 1)
        branch5x5_2 = BasicConv2d(48, 64, kernelSize: 5, padding: 2)
        branch3x3dbl_1 = BasicConv2d(inChannels, 64, kernelSize: 1)
        branch3x3dbl_2 = BasicConv2d(64, 96, kernelSize: 3, padding: 1)
        branch3x3dbl_3 = BasicConv2d(96, 96, kernelSize: 3, padding: 1)
        branch_pool = BasicConv2d(inChannels, poolFeatures, kernelSize: 1)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.concatenated([
            branch1x1(x),
            branch5x5_2(branch5x5_1(x)),
            branch3x3dbl_3(branch3x3dbl_2(branch3x3dbl_1(x))),
            branch_pool(averagePoolWithoutPadding(x)),
        ], axis: 1)
    }
}

/// Halves the resolution: a stride-2 3×3 convolution, a 1×1 → 3×3 → stride-2 3×3 stack and 3×3 max
/// pooling, concatenated: 480 + input channels out. Mixed_6a.
public final class InceptionB: Module, Layer {
    public let branch3x3: BasicConv2d
    public let branch3x3dbl_1: BasicConv2d
    public let branch3x3dbl_2: BasicConv2d
    public let branch3x3dbl_3: BasicConv2d

    public init(_ inChannels: Int) {
        branch3x3 = BasicConv2d(inChannels, 384, kernelSize: 3, stride: 2)
        branch3x3dbl_1 = BasicConv2d(inChannels, 64, kernelSize: 1)
        branch3x3dbl_2 = BasicConv2d(64, 96, kernelSize: 3, padding: 1)
        branch3x3dbl_3 = BasicConv2d(96, 96, kernelSize: 3, stride: 2)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.concatenated([
            branch3x3(x),
            branch3x3dbl_3(branch3x3dbl_2(branch3x3dbl_1(x))),
            x.maxPool2d(kernelSize: (3, 3), stride: (2, 2)),
        ], axis: 1)
    }
}

/// Factorised 7×7 branches (1×7 and 7×1 convolutions with `channels7x7` channels inside), a 1×1 branch
/// and an average-pool branch, 192 channels each: 768 out. Mixed_6b to 6e.
public final class InceptionC: Module, Layer {
    public let branch1x1: BasicConv2d
    public let branch7x7_1: BasicConv2d
    public let branch7x7_2: BasicConv2d
    public let branch7x7_3: BasicConv2d
    public let branch7x7dbl_1: BasicConv2d
    public let branch7x7dbl_2: BasicConv2d
    public let branch7x7dbl_3: BasicConv2d
    public let branch7x7dbl_4: BasicConv2d
    public let branch7x7dbl_5: BasicConv2d
    public let branch_pool: BasicConv2d

    public init(_ inChannels: Int, channels7x7 c7: Int) {
        branch1x1 = BasicConv2d(inChannels, 192, kernelSize: 1)
        branch7x7_1 = BasicConv2d(inChannels, c7, kernelSize: 1)
        branch7x7_2 = BasicConv2d(c7, c7, kernelSize: (1, 7), padding: (0, 3))
        branch7x7_3 = BasicConv2d(c7, 192, kernelSize: (7, 1), padding: (3, 0))
        branch7x7dbl_1 = BasicConv2d(inChannels, c7, kernelSize: 1)
        branch7x7dbl_2 = BasicConv2d(c7, c7, kernelSize: (7, 1), padding: (3, 0))
        branch7x7dbl_3 = BasicConv2d(c7, c7, kernelSize: (1, 7), padding: (0, 3))
        branch7x7dbl_4 = BasicConv2d(c7, c7, kernelSize: (7, 1), padding: (3, 0))
        branch7x7dbl_5 = BasicConv2d(c7, 192, kernelSize: (1, 7), padding: (0, 3))
        branch_pool = BasicConv2d(inChannels, 192, kernelSize: 1)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let branch7x7dbl = branch7x7dbl_3(branch7x7dbl_2(branch7x7dbl_1(x)))
        return Tensor.concatenated([
            branch1x1(x),
            branch7x7_3(branch7x7_2(branch7x7_1(x))),
            branch7x7dbl_5(branch7x7dbl_4(branch7x7dbl)),
            branch_pool(averagePoolWithoutPadding(x)),
        ], axis: 1)
    }
}

/// Halves the resolution: 1×1 → stride-2 3×3 (320), 1×1 → 1×7 → 7×1 → stride-2 3×3 (192) and 3×3 max
/// pooling, concatenated: 512 + input channels out. Mixed_7a.
public final class InceptionD: Module, Layer {
    public let branch3x3_1: BasicConv2d
    public let branch3x3_2: BasicConv2d
    public let branch7x7x3_1: BasicConv2d
    public let branch7x7x3_2: BasicConv2d
    public let branch7x7x3_3: BasicConv2d
    public let branch7x7x3_4: BasicConv2d

    public init(_ inChannels: Int) {
        branch3x3_1 = BasicConv2d(inChannels, 192, kernelSize: 1)
        branch3x3_2 = BasicConv2d(192, 320, kernelSize: 3, stride: 2)
        branch7x7x3_1 = BasicConv2d(inChannels, 192, kernelSize: 1)
        branch7x7x3_2 = BasicConv2d(192, 192, kernelSize: (1, 7), padding: (0, 3))
        branch7x7x3_3 = BasicConv2d(192, 192, kernelSize: (7, 1), padding: (3, 0))
        branch7x7x3_4 = BasicConv2d(192, 192, kernelSize: 3, stride: 2)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.concatenated([
            branch3x3_2(branch3x3_1(x)),
            branch7x7x3_4(branch7x7x3_3(branch7x7x3_2(branch7x7x3_1(x)))),
            x.maxPool2d(kernelSize: (3, 3), stride: (2, 2)),
        ], axis: 1)
    }
}

/// The widest block: a 1×1 branch (320), two branches that end in parallel 1×3 and 3×1 convolutions
/// (768 each) and a pool branch (192): 2048 out. Mixed_7b pools by averaging without padding, Mixed_7c
/// by maximum (as pytorch-fid's FIDInceptionE_1 and FIDInceptionE_2).
public final class InceptionE: Module, Layer {
    /// How the pool branch pools its 3×3 windows.
    public enum Pooling: Sendable {
        case averageWithoutPadding, maximum
    }

    public let pooling: Pooling
    public let branch1x1: BasicConv2d
    public let branch3x3_1: BasicConv2d
    public let branch3x3_2a: BasicConv2d
    public let branch3x3_2b: BasicConv2d
    public let branch3x3dbl_1: BasicConv2d
    public let branch3x3dbl_2: BasicConv2d
    public let branch3x3dbl_3a: BasicConv2d
    public let branch3x3dbl_3b: BasicConv2d
    public let branch_pool: BasicConv2d

    public init(_ inChannels: Int, pooling: Pooling) {
        self.pooling = pooling
        branch1x1 = BasicConv2d(inChannels, 320, kernelSize: 1)
        branch3x3_1 = BasicConv2d(inChannels, 384, kernelSize: 1)
        branch3x3_2a = BasicConv2d(384, 384, kernelSize: (1, 3), padding: (0, 1))
        branch3x3_2b = BasicConv2d(384, 384, kernelSize: (3, 1), padding: (1, 0))
        branch3x3dbl_1 = BasicConv2d(inChannels, 448, kernelSize: 1)
        branch3x3dbl_2 = BasicConv2d(448, 384, kernelSize: 3, padding: 1)
        branch3x3dbl_3a = BasicConv2d(384, 384, kernelSize: (1, 3), padding: (0, 1))
        branch3x3dbl_3b = BasicConv2d(384, 384, kernelSize: (3, 1), padding: (1, 0))
        branch_pool = BasicConv2d(inChannels, 192, kernelSize: 1)
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let inner3x3 = branch3x3_1(x)
        let inner3x3dbl = branch3x3dbl_2(branch3x3dbl_1(x))
        let pooled = switch pooling {
        case .averageWithoutPadding: averagePoolWithoutPadding(x)
        case .maximum: x.maxPool2d(kernelSize: (3, 3), stride: (1, 1), padding: (1, 1))
        }
        return Tensor.concatenated([
            branch1x1(x),
            branch3x3_2a(inner3x3), branch3x3_2b(inner3x3),
            branch3x3dbl_3a(inner3x3dbl), branch3x3dbl_3b(inner3x3dbl),
            branch_pool(pooled),
        ], axis: 1)
    }
}

/// 3×3 average pooling, stride 1, padding 1, dividing by the pixels inside the image (TensorFlow's
/// convention, which the FID network keeps).
private func averagePoolWithoutPadding(_ x: Tensor) -> Tensor {
    x.avgPool2d(kernelSize: (3, 3), stride: (1, 1), padding: (1, 1), countIncludePad: false)
}
