/// A node of a spec with where it sits (file, line, dotted path), so that
/// every error can name them.
struct Field {
    let node: YAMLNode
    let path: String
    let file: String

    var line: Int { node.line ?? 0 }

    func error(_ message: String) -> SpecError {
        SpecError(file: file, line: line, field: path, message: message)
    }

    func child(_ node: YAMLNode, _ name: String) -> Field {
        Field(node: node, path: path.isEmpty ? name : "\(path).\(name)", file: file)
    }

    var isNull: Bool {
        if case .scalar(let text, plain: true, _) = node { return ["null", "~", ""].contains(text) }
        return false
    }

    /// The entries of a mapping, in order (keys must be plain text).
    func entries() throws -> [(key: String, value: Field)] {
        guard case .mapping(let mapping, _) = node else { throw error("expected a mapping (key: value)") }
        var result: [(key: String, value: Field)] = []
        var names = Set<String>()
        for (key, value) in mapping {
            guard case .scalar(let name, _, _) = key else { throw child(key, "?").error("keys must be plain text") }
            guard names.insert(name).inserted else { throw child(key, name).error("given twice") }
            result.append((name, child(value, name)))
        }
        return result
    }

    /// A mapping's entries by key, checking that it has no key outside `allowed`.
    func fields(allowing allowed: Set<String>) throws -> [String: Field] {
        var result: [String: Field] = [:]
        for (key, value) in try entries() {
            guard allowed.contains(key) else {
                throw value.error("unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[key] = value
        }
        return result
    }

    func items() throws -> [Field] {
        guard case .sequence(let sequence, _) = node else { throw error("expected a list") }
        return sequence.enumerated().map { child($0.element, "\($0.offset)") }
    }

    /// A scalar's text.
    func text() throws -> String {
        guard case .scalar(let text, _, _) = node else { throw error("expected a single value") }
        return text
    }

    func bool() throws -> Bool {
        switch try text() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(try text())'")
        }
    }
}
