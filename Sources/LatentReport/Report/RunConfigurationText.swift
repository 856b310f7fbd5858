/// A run's `config.yaml`, kept as written and also read as a list of settings.
struct RunConfigurationText {
    /// The file's text.
    let text: String
    /// Each `key: value` line, in order; keys under a parent (indented lines) are written `parent.key`.
    /// Empty when a line is not of that form, so that the report shows the text as it is instead.
    let settings: [(key: String, value: String)]

    init(text: String) {
        self.text = text
        var settings: [(key: String, value: String)] = []
        var parent = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let content = line.trimming(" \r")
            if content.isEmpty || content.hasPrefix("#") { continue }
            guard let colon = content.firstIndex(of: ":") else {
                settings = []
                break
            }
            let key = content[..<colon].trimming(" ")
            let value = content[content.index(after: colon)...].trimming(" ")
            if line.first == " " {
                settings.append((parent.isEmpty ? key : parent + "." + key, value))
            } else if value.isEmpty {
                parent = key
            } else {
                parent = ""
                settings.append((key, value))
            }
        }
        self.settings = settings
    }

    /// The value of the top-level setting `key`, if the file has one.
    func value(of key: String) -> String? {
        settings.first { $0.key == key }?.value
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    fileprivate func trimming(_ characters: String) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
