/// A JSON value written canonically: object keys sorted, no whitespace,
/// strings escaped as `jsonString` does. Two equal values always give the
/// same bytes, so a hash of the text identifies the value (the completion
/// marker's `corpus_args_sha256`).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public var canonical: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value):
            guard value.isFinite else { return "null" }
            // Whole numbers as integers, others in Swift's shortest round-trip form.
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            return "\(value)"
        case .string(let text): return jsonString(text)
        case .array(let values): return "[" + values.map(\.canonical).joined(separator: ",") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { jsonString($0) + ":" + fields[$0]!.canonical }.joined(separator: ",") + "}"
        }
    }
}

/// A JSON string literal (the checkpoint, file metadata, JSONValue and the
/// resolved arguments write strings with it).
public func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
