/// Arithmetic over numbers and `$parameter` references (+ - * / and
/// parentheses), so that any number in a spec may follow a parameter:
/// `bytes: $payload_kb * 1024`, `weight: 1 - $duplicate_share`.
struct Expression {
    private let tokens: [Substring]
    private var position = 0
    private let value: (String) throws -> Double

    /// Evaluates `text`; `value` gives a parameter's number.
    static func evaluate(_ text: String, value: @escaping (String) throws -> Double) throws -> Double {
        var parser = Expression(tokens: tokenize(text), value: value)
        let result = try parser.sum()
        guard parser.position == parser.tokens.count else { throw ExpressionError("unexpected '\(parser.tokens[parser.position])'") }
        return result
    }

    private init(tokens: [Substring], value: @escaping (String) throws -> Double) {
        self.tokens = tokens
        self.value = value
    }

    private static func tokenize(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == " " { index = text.index(after: index); continue }
            if "+-*/()".contains(c) {
                tokens.append(text[index...index])
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, !" +-*/()".contains(text[end]) || (text[end] == "-" || text[end] == "+") && end > index && "eE".contains(text[text.index(before: end)]) {
                end = text.index(after: end)
            }
            tokens.append(text[index..<end])
            index = end
        }
        return tokens
    }

    private mutating func sum() throws -> Double {
        var result = try product()
        while position < tokens.count, tokens[position] == "+" || tokens[position] == "-" {
            let op = tokens[position]
            position += 1
            let rhs = try product()
            result = op == "+" ? result + rhs : result - rhs
        }
        return result
    }

    private mutating func product() throws -> Double {
        var result = try atom()
        while position < tokens.count, tokens[position] == "*" || tokens[position] == "/" {
            let op = tokens[position]
            position += 1
            let rhs = try atom()
            result = op == "*" ? result * rhs : result / rhs
        }
        return result
    }

    private mutating func atom() throws -> Double {
        guard position < tokens.count else { throw ExpressionError("incomplete expression") }
        let token = tokens[position]
        position += 1
        if token == "(" {
            let inner = try sum()
            guard position < tokens.count, tokens[position] == ")" else { throw ExpressionError("missing ')'") }
            position += 1
            return inner
        }
        if token == "-" { return -(try atom()) }
        if token.hasPrefix("$") { return try value(String(token.dropFirst())) }
        if token == "nan" { return .nan }
        guard let number = Double(token) else { throw ExpressionError("expected a number or $parameter, got '\(token)'") }
        return number
    }
}

struct ExpressionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
