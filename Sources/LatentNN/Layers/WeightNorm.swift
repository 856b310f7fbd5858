import LatentTensor

/// A layer whose weight is a direction `v` scaled to the magnitude `g`, `w = g · v / ‖v‖`, as
/// `torch.nn.utils.weight_norm` (Salimans & Kingma 2016).
///
/// The state matches PyTorch's: the wrapped layer's `weight` becomes the parameters `weight_g` and
/// `weight_v`, listed after the wrapped layer's other state under its own name (no extra level). With
/// `dim` d (0 by default, the output axis of linear and convolution weights) the norm is taken over every
/// axis but d, one magnitude per slice (`weight_g` of shape `[out, 1]` for a linear layer); with `dim` nil
/// over the whole weight, one magnitude (`weight_g` a scalar). `weight_g` starts at the norm of the wrapped weight, so the
/// wrapped layer's function is unchanged at first.
public final class WeightNorm<Wrapped: Layer>: Module, Layer {
    /// The wrapped layer; its weight is recomputed before each call.
    public let module: Wrapped
    /// The axis that keeps one magnitude per slice; nil for one magnitude for the whole weight.
    public let dim: Int?
    @Parameter public var weightG: Tensor
    @Parameter public var weightV: Tensor
    private let weightSlot: TensorSlot
    private let name: String

    /// Wraps `module`, normalizing its parameter `name` over every axis but `dim` (nil: over all axes);
    /// with `trainsMagnitude` false, `weight_g` is frozen (PyTorch's `weight_g.requires_grad_(False)`).
    public init(wrapping module: Wrapped, name: String = "weight", dim: Int? = 0, trainsMagnitude: Bool = true) {
        guard let slot = module.members().parameters.first(where: { $0.name == name })?.slot else {
            preconditionFailure("WeightNorm: \(type(of: module)) has no parameter named \(name)")
        }
        let weight = slot.tensor!
        if let dim { precondition((0..<weight.rank).contains(dim), "WeightNorm: dim \(dim) outside the weight's axes 0..<\(weight.rank)") }
        self.module = module
        self.dim = dim
        self.weightSlot = slot
        self.name = name
        slot.isRegistered = false
        let direction = weight.detached().copy()
        _weightG = Parameter(wrappedValue: Self.norm(direction, dim: dim), key: name + "_g")
        _weightV = Parameter(wrappedValue: direction, key: name + "_v")
        _weightG.isFrozen = !trainsMagnitude
        slot.tensor = weight.detached()
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        weightSlot.tensor = weight
        return module(x)
    }

    /// The weight the wrapped layer uses: `weight_g · weight_v / ‖weight_v‖`.
    public var weight: Tensor {
        weightV * (weightG / Self.norm(weightV, dim: dim))
    }

    /// The Euclidean norm of `v` over every axis but `dim`, kept as size-1 axes; for `dim` nil, over all
    /// axes as a scalar (PyTorch's shapes of `weight_g`).
    static func norm(_ v: Tensor, dim: Int?) -> Tensor {
        guard let dim else { return v.square().sum().sqrt() }
        let axes = (0..<v.rank).filter { $0 != dim }
        return axes.isEmpty ? v.abs() : v.square().sum(axes: axes, keepDims: true).sqrt()
    }

    public override func members() -> Members {
        Members(parameters: [(name + "_g", _weightG), (name + "_v", _weightV)], buffers: [], inlined: [module])
    }
}

extension WeightNorm where Wrapped == Linear {
    /// Data-dependent initialization (Salimans & Kingma 2016, section 3): sets `weight_g` and the bias so that
    /// the layer's outputs on the batch `x` (`[N, in]`) have mean 0 and variance 1 per output (over the batch,
    /// not unbiased), and returns those outputs, without history. Stops when the layer has no bias or `dim` is not 0.
    @discardableResult
    public func initializeFromData(_ x: Tensor) -> Tensor {
        guard let bias = module.bias else { preconditionFailure("WeightNorm.initializeFromData: the linear layer has no bias") }
        precondition(dim == 0, "WeightNorm.initializeFromData: needs one magnitude per output (dim 0), got dim \(dim.map(String.init) ?? "nil")")
        return withoutGrad {
            let preactivation = self(x) - bias
            let mean = preactivation.mean(axis: 0)
            let std = (preactivation - mean).square().mean(axis: 0).sqrt()
            weightG.assign(weightG / std.reshaped(weightG.shape))
            bias.assign(-mean / std)
            return (preactivation - mean) / std
        }
    }
}
