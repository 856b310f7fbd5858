import ArgumentParser

/// A `NAME=VALUE` command-line value, as `--lr generator=1e-4` and `--option d_dropout=0.3` take.
struct Assignment: ExpressibleByArgument, Sendable {
    let name: String
    let value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex,
              argument.index(after: equals) != argument.endIndex else { return nil }
        name = String(argument[..<equals])
        value = String(argument[argument.index(after: equals)...])
    }

    static var defaultValueDescription: String { "NAME=VALUE" }
}
