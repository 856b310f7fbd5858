import LatentTensor

/// Layers whose weight keeps output channels on axis 1 (transposed convolutions), so that
/// spectral normalization uses that axis by default.
protocol OutputChannelsOnAxisOne {}

/// A layer whose weight is divided by its largest singular value, estimated by power iteration,
/// as `torch.nn.utils.spectral_norm`.
///
/// The state matches PyTorch's: the wrapped layer's `weight` becomes the parameter `weight_orig`
/// and the buffers `weight_u` and `weight_v` hold the singular vector estimates, all under the
/// wrapped layer's own name (no extra level). Each training-mode call runs `nPowerIterations`
/// steps of power iteration; evaluation mode reuses the stored vectors.
public final class SpectralNorm<Wrapped: Layer>: Module, Layer {
    /// The wrapped layer; its weight is recomputed before each call.
    public let module: Wrapped
    public let nPowerIterations: Int
    public let eps: Float
    /// The weight axis treated as rows of the matrix whose spectral norm is taken.
    public let dim: Int
    @Parameter public var weightOrig: Tensor
    @Buffer public var weightU: Tensor
    @Buffer public var weightV: Tensor
    private let weightSlot: TensorSlot
    private let name: String

    /// Wraps `module`, normalizing its parameter `name`. `dim` defaults to 0, or 1 for transposed convolutions.
    public init(wrapping module: Wrapped, name: String = "weight", nPowerIterations: Int = 1, eps: Float = 1e-12, dim: Int? = nil) {
        guard let slot = module.members().parameters.first(where: { $0.name == name })?.slot else {
            preconditionFailure("SpectralNorm: \(type(of: module)) has no parameter named \(name)")
        }
        precondition(nPowerIterations > 0, "SpectralNorm: nPowerIterations must be positive, got \(nPowerIterations)")
        let weight = slot.tensor!
        self.module = module
        self.nPowerIterations = nPowerIterations
        self.eps = eps
        self.dim = dim ?? (module is any OutputChannelsOnAxisOne ? 1 : 0)
        self.weightSlot = slot
        self.name = name
        slot.isRegistered = false
        slot.tensor = weight.detached()
        let rows = weight.shape[self.dim], columns = weight.count / rows
        _weightOrig = Parameter(wrappedValue: weight, key: name + "_orig")
        _weightU = Buffer(wrappedValue: unitVector(Tensor.randn([rows]), eps: eps), key: name + "_u")
        _weightV = Buffer(wrappedValue: unitVector(Tensor.randn([columns]), eps: eps), key: name + "_v")
        super.init()
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        weightSlot.tensor = normalizedWeight()
        return module(x)
    }

    /// `weight_orig / σ`, with σ estimated from the stored vectors after the power iteration
    /// that training mode runs.
    func normalizedWeight() -> Tensor {
        var order = Array(0..<weightOrig.rank)
        order.swapAt(0, dim)
        let matrix = weightOrig.permuted(order).reshaped([weightOrig.shape[dim], -1])
        if training {
            withoutGrad {
                let fixed = matrix.detached()
                var u = weightU, v = weightV
                for _ in 0..<nPowerIterations {
                    v = unitVector(Tensor.matmul(fixed, u.reshaped([-1, 1]), transposeA: true, transposeB: false), eps: eps)
                    u = unitVector(fixed.matmul(v.reshaped([-1, 1])), eps: eps)
                }
                weightU.assign(u)
                weightV.assign(v)
            }
        }
        // Copies: later power iterations change the buffers in place.
        let u = weightU.copy().reshaped([1, -1]), v = weightV.copy().reshaped([-1, 1])
        let sigma = u.matmul(matrix.matmul(v)).reshaped([])
        return weightOrig / sigma
    }

    public override func members() -> Members {
        Members(parameters: [(name + "_orig", _weightOrig)],
                buffers: [(name + "_u", _weightU), (name + "_v", _weightV)],
                inlined: [module])
    }
}

/// `x / max(‖x‖, eps)`, flattened, as `torch.nn.functional.normalize`.
private func unitVector(_ x: Tensor, eps: Float) -> Tensor {
    let norm = x.square().sum().item.squareRoot()
    return x.reshaped([-1]) * (1 / max(norm, eps))
}
