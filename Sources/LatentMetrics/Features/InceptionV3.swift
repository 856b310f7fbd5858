import Foundation
import LatentNN

/// The Inception-v3 network that FID, KID and precision/recall use (pytorch-fid's `FIDInceptionV3`
/// up to its final average pool), with its parameter names, so that
/// `fid-inception-v3.safetensors` loads key for key.
///
/// Input: `[N, 3, 299, 299]` images scaled to [−1, 1]. Output: `[N, 2048]`, the global average of
/// Mixed_7c. `InceptionFeatureExtractor` does the resizing and scaling.
public final class InceptionV3: Module, Layer {
    /// The width of the feature vector.
    public static let featureCount = 2048
    /// The image side the network was trained at.
    public static let imageSize = 299

    public let Conv2d_1a_3x3 = BasicConv2d(3, 32, kernelSize: 3, stride: 2)
    public let Conv2d_2a_3x3 = BasicConv2d(32, 32, kernelSize: 3)
    public let Conv2d_2b_3x3 = BasicConv2d(32, 64, kernelSize: 3, padding: 1)
    public let Conv2d_3b_1x1 = BasicConv2d(64, 80, kernelSize: 1)
    public let Conv2d_4a_3x3 = BasicConv2d(80, 192, kernelSize: 3)
    public let Mixed_5b = InceptionA(192, poolFeatures: 32)
    public let Mixed_5c = InceptionA(256, poolFeatures: 64)
    public let Mixed_5d = InceptionA(288, poolFeatures: 64)
    public let Mixed_6a = InceptionB(288)
    public let Mixed_6b = InceptionC(768, channels7x7: 128)
    public let Mixed_6c = InceptionC(768, channels7x7: 160)
    public let Mixed_6d = InceptionC(768, channels7x7: 160)
    public let Mixed_6e = InceptionC(768, channels7x7: 192)
    public let Mixed_7a = InceptionD(768)
    public let Mixed_7b = InceptionE(1280, pooling: .averageWithoutPadding)
    public let Mixed_7c = InceptionE(2048, pooling: .maximum)

    /// A network with untrained weights, in evaluation mode; load weights with `load(weightsAt:)`.
    public override init() {
        super.init()
        eval()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == 3,
                     "InceptionV3: expected input [N, 3, H, W], got shape \(x.shape)")
        var y = Conv2d_2b_3x3(Conv2d_2a_3x3(Conv2d_1a_3x3(x)))
        y = y.maxPool2d(kernelSize: (3, 3), stride: (2, 2))
        y = Conv2d_4a_3x3(Conv2d_3b_1x1(y))
        y = y.maxPool2d(kernelSize: (3, 3), stride: (2, 2))
        for block: any Layer in [Mixed_5b, Mixed_5c, Mixed_5d, Mixed_6a, Mixed_6b, Mixed_6c, Mixed_6d, Mixed_6e,
                                 Mixed_7a, Mixed_7b, Mixed_7c] {
            y = block(y)
        }
        return y.adaptiveAvgPool2d(outputSize: (1, 1)).reshaped([x.shape[0], Self.featureCount])
    }

    /// Every BasicConv2d unit, in network order.
    public var units: [BasicConv2d] {
        namedModules().compactMap { $0.module as? BasicConv2d }
    }

    /// Loads weights from a safetensors file with pytorch-fid's names (`Conv2d_1a_3x3.conv.weight`,
    /// `Mixed_5b.branch1x1.bn.running_var`, ...), every key required and none extra, then, when
    /// `foldBatchNorm` is set, folds each normalization into its convolution for evaluation.
    ///
    /// BatchNorm's `num_batches_tracked` counters, which only training uses, may be absent from the
    /// file. Throws an `InceptionError` naming the file and the first missing, unexpected or
    /// mismatched key; nothing is changed then.
    public func load(weightsAt url: URL, foldBatchNorm: Bool = true) throws {
        let file: SafeTensors
        do {
            file = try SafeTensors(contentsOf: url)
        } catch {
            throw InceptionError(message: "cannot read Inception weights \(url.path): \(error)")
        }
        var state = try file.tensors()
        for (name, tensor) in namedBuffers() where name.hasSuffix(".num_batches_tracked") && state[name] == nil {
            state[name] = Tensor.zeros(like: tensor)
        }
        do {
            try loadStateDict(state, strict: true)
        } catch let error as StateDictError {
            throw InceptionError(message: "\(url.path) is not a FID Inception-v3 state dict: "
                                        + Self.firstProblem(error))
        }
        for unit in units {
            if foldBatchNorm { unit.foldBatchNorm() } else { unit.unfoldBatchNorm() }
        }
    }

    /// The first problem of a failed load, as one phrase.
    private static func firstProblem(_ error: StateDictError) -> String {
        if let key = error.missingKeys.first {
            return "missing key \(key) (\(error.missingKeys.count) missing in all)"
        }
        if let mismatch = error.shapeMismatches.first {
            return "\(mismatch.key) has shape \(mismatch.got), expected \(mismatch.expected)"
        }
        if let key = error.unexpectedKeys.first {
            return "unexpected key \(key) (\(error.unexpectedKeys.count) unexpected in all)"
        }
        return error.description
    }
}
