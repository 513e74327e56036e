import Yams

/// A node of a spec with where it sits (file, line, dotted path), so that
/// every error can name them.
struct Field {
    let node: Node
    let path: String
    let file: String

    var line: Int { node.mark?.line ?? 0 }

    func error(_ message: String) -> SpecError {
        SpecError(file: file, line: line, field: path, message: message)
    }

    func child(_ node: Node, _ name: String) -> Field {
        Field(node: node, path: path.isEmpty ? name : "\(path).\(name)", file: file)
    }

    var isNull: Bool {
        if case .scalar(let scalar) = node { return scalar.style == .plain && ["null", "~", ""].contains(scalar.string) }
        return false
    }

    /// The entries of a mapping, in order (keys must be plain text).
    func entries() throws -> [(key: String, value: Field)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value)") }
        var result: [(key: String, value: Field)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw child(key, "?").error("keys must be plain text") }
            guard !result.contains(where: { $0.key == scalar.string }) else { throw child(key, scalar.string).error("given twice") }
            result.append((scalar.string, child(value, scalar.string)))
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
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { child($0.element, "\($0.offset)") }
    }

    /// A scalar's text.
    func text() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a single value") }
        return scalar.string
    }

    func bool() throws -> Bool {
        switch try text() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(try text())'")
        }
    }
}
