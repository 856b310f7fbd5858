import Foundation
import LatentTensor
import LatentTestSupport
import Testing

// Reference values written by Scripts/make_pytorch_fixtures.py (see the script for the file formats).

/// A tensor as a fixture stores it: a name, a shape and the values in row-major order.
struct FixtureTensor: Decodable, Sendable {
    let name: String
    let shape: [Int]
    let values: [Float]

    /// A new tensor holding these values.
    var tensor: Tensor { Tensor(values, shape: shape) }
}

/// A JSON value among a fixture's arguments (`dim`, `keepdim`, `negative_slope`, …).
enum FixtureArgument: Decodable, Sendable {
    case number(Double)
    case bool(Bool)
    case string(String)
    case list([FixtureArgument])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .list(try container.decode([FixtureArgument].self))
        }
    }

    var float: Float {
        guard case .number(let value) = self else { preconditionFailure("fixture argument \(self) is not a number") }
        return Float(value)
    }

    var int: Int {
        guard case .number(let value) = self, value == value.rounded() else {
            preconditionFailure("fixture argument \(self) is not an integer")
        }
        return Int(value)
    }

    var bool: Bool {
        guard case .bool(let value) = self else { preconditionFailure("fixture argument \(self) is not a Bool") }
        return value
    }

    var string: String {
        guard case .string(let value) = self else { preconditionFailure("fixture argument \(self) is not a string") }
        return value
    }

    /// A list of integers; a single integer reads as a list of one.
    var ints: [Int] {
        if case .list(let items) = self { return items.map(\.int) }
        return [int]
    }

    /// An integer pair, from a list of two or one integer used for both.
    var pair: (Int, Int) {
        let values = ints
        return values.count == 1 ? (values[0], values[0]) : (values[0], values[1])
    }
}

/// One differentiated function of ops.json or losses.json: inputs, constants, output, the output
/// weights `w`, and the gradients of `sum(output * w)` for each input.
struct OpFixture: Decodable, Sendable {
    let name: String
    let op: String
    let args: [String: FixtureArgument]
    let inputs: [FixtureTensor]
    let constants: [FixtureTensor]
    let output: FixtureTensor
    let w: FixtureTensor
    let gradients: [FixtureTensor]

    /// The argument named `key`, which the fixture must have.
    func arg(_ key: String) -> FixtureArgument {
        guard let value = args[key] else { preconditionFailure("\(name): no argument \(key)") }
        return value
    }

    /// The constant named `key`.
    func constant(_ key: String) -> Tensor {
        guard let value = constants.first(where: { $0.name == key }) else { preconditionFailure("\(name): no constant \(key)") }
        return value.tensor
    }
}

/// One layer of layers.json in one mode: its PyTorch state dict before the forward pass, the
/// gradients of `sum(output * w)` for the input and then each parameter (by state-dict name),
/// and the buffers after the forward pass.
struct LayerFixture: Decodable, Sendable {
    let name: String
    let module: String
    let args: [String: FixtureArgument]
    let mode: String
    let stateDict: [FixtureTensor]
    let inputs: [FixtureTensor]
    let constants: [FixtureTensor]
    let output: FixtureTensor
    let w: FixtureTensor
    let gradients: [FixtureTensor]
    let stateAfter: [FixtureTensor]

    enum CodingKeys: String, CodingKey {
        case name, module, args, mode, inputs, constants, output, w, gradients
        case stateDict = "state_dict"
        case stateAfter = "state_after"
    }
}

/// A fixture file whose `cases` are of one kind.
struct FixtureFile<Case: Decodable & Sendable>: Decodable, Sendable {
    let torchVersion: String
    let cases: [Case]

    enum CodingKeys: String, CodingKey {
        case torchVersion = "torch_version"
        case cases
    }
}

/// Reads the fixture files bundled with the tests.
enum Fixtures {
    /// The URL of a file in the Fixtures resource folder.
    static func url(_ file: String) -> URL {
        guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the Fixtures resource folder is missing from the test bundle")
        }
        return folder.appendingPathComponent(file)
    }

    /// Decodes a JSON fixture file.
    static func load<T: Decodable>(_ type: T.Type, _ file: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: url(file)))
    }

    /// The cases of ops.json.
    static let ops: [OpFixture] = loadCases("ops.json")
    /// The cases of losses.json.
    static let losses: [OpFixture] = loadCases("losses.json")
    /// The cases of layers.json.
    static let layers: [LayerFixture] = loadCases("layers.json")
    /// The cases of progan_layers.json (Scripts/make_progan_fixtures.py): equalized-lr layers and pixel norm.
    static let proganLayers: [LayerFixture] = loadCases("progan_layers.json")

    private static func loadCases<Case: Decodable & Sendable>(_ file: String) -> [Case] {
        do {
            return try load(FixtureFile<Case>.self, file).cases
        } catch {
            preconditionFailure("cannot read fixture \(file): \(error)")
        }
    }
}

/// Checks a computed tensor against a fixture tensor: same shape, and every value within
/// `rtol · |expected| + atol · max(1, max |expected|)`, so the absolute tolerance grows with the
/// tensor's scale.
func expectMatches(
    _ actual: Tensor, _ expected: FixtureTensor, _ context: String,
    rtol: Float = 1e-4, atol: Float = 1e-5, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.shape == expected.shape, "\(context) \(expected.name): shape", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let scale = expected.values.reduce(Float(1)) { Swift.max($0, abs($1)) }
    let actualValues = actual.values
    let close = allClose(actualValues, expected.values, rtol: rtol, atol: atol * scale)
    let worst = zip(actualValues, expected.values).map { abs($0 - $1) }.max() ?? 0
    #expect(close, "\(context) \(expected.name): largest difference \(worst) (scale \(scale))",
            sourceLocation: sourceLocation)
}

/// gradient_penalty.json: a WGAN-GP penalty on a `Linear(4, 5), LeakyReLU(0.2), Linear(5, 1)` critic
/// and the penalty's gradients with respect to the critic's parameters (state-dict order).
struct GradientPenaltyFixture: Decodable, Sendable {
    let stateDict: [FixtureTensor]
    let real: FixtureTensor
    let fake: FixtureTensor
    let alpha: FixtureTensor
    let interpolates: FixtureTensor
    let scores: FixtureTensor
    let inputGradient: FixtureTensor
    let penalty: Float
    let gradients: [FixtureTensor]

    enum CodingKeys: String, CodingKey {
        case real, fake, alpha, interpolates, scores, penalty, gradients
        case stateDict = "state_dict"
        case inputGradient = "input_gradient"
    }
}
