import LatentTensor

extension Module {
    /// A table of the module tree in the style of Keras's `model.summary()`: each module's dotted
    /// name, type and parameter count (its own and its descendants'), then the totals of trainable
    /// and frozen parameters and of buffer values.
    public func summary() -> String {
        let rows = namedModules().dropFirst().map { name, module -> (String, String) in
            let depth = name.split(separator: ".").count - 1
            let label = String(repeating: "  ", count: depth) + "\(name) (\(typeName(module)))"
            return (label, grouped(module.parameterCount))
        }
        let nameWidth = max(28, (rows.map(\.0.count).max() ?? 0) + 2)
        let countWidth = max(12, (rows.map(\.1.count).max() ?? 0) + 2)
        func line(_ label: String, _ count: String) -> String {
            label + String(repeating: " ", count: max(1, nameWidth - label.count))
                + String(repeating: " ", count: max(0, countWidth - count.count)) + count
        }
        let rule = String(repeating: "=", count: nameWidth + countWidth)
        var lines = ["Model: \(typeName(self))", line("Layer (type)", "Param #"), rule]
        lines += rows.map { line($0.0, $0.1) }
        let total = parameterCount, trainable = trainableParameterCount
        let bufferValues = namedBuffers().reduce(0) { $0 + $1.tensor.count }
        lines += [
            rule,
            "Total params: \(grouped(total))",
            "Trainable params: \(grouped(trainable))",
            "Non-trainable params: \(grouped(total - trainable))",
            "Buffers: \(grouped(bufferValues)) values",
        ]
        return lines.joined(separator: "\n")
    }
}

private func typeName(_ module: Module) -> String {
    String(describing: type(of: module))
}

/// `100480` → `100,480`.
private func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(digit)
    }
    return result
}
