import LBDomainKit

/// The template language: literal text with `{column}` (another column's
/// value in the row) and `{min..max}` (a random integer; `{000..999}` pads
/// to the width of min) parts; `{{` and `}}` are literal braces. Patterns
/// (`###-####`) are templates of random digits.
enum TemplateText {
    enum Piece {
        case literal(String)
        case column(String)
        case range(String, String)
    }

    static func pieces(_ text: String, field: Field) throws -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let next = text.index(after: index)
            if c == "{" && next < text.endIndex && text[next] == "{" || c == "}" && next < text.endIndex && text[next] == "}" {
                literal.append(c)
                index = text.index(after: next)
                continue
            }
            if c == "}" { throw field.error("unmatched '}' in template '\(text)'") }
            if c == "{" {
                guard let close = text[next...].firstIndex(of: "}") else { throw field.error("unclosed '{' in template '\(text)'") }
                let inner = trimmed(String(text[next..<close]))
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                if let dots = inner.firstRange(of: "..") {
                    pieces.append(.range(String(inner[..<dots.lowerBound]), String(inner[dots.upperBound...])))
                } else {
                    guard !inner.isEmpty else { throw field.error("an empty {} in template '\(text)'") }
                    pieces.append(.column(inner))
                }
                index = text.index(after: close)
                continue
            }
            literal.append(c)
            index = next
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    static func columnNames(_ text: String, field: Field) throws -> [String] {
        try pieces(text, field: field).compactMap { if case .column(let name) = $0 { name } else { nil } }
    }

    static func compile(_ text: String, field: Field, column: (String, Field) throws -> (part: Template.Part, maxLength: Int),
                        bound: (String) throws -> Int64) throws -> Template {
        var literals = ["true", "false"]
        var parts: [Template.Part] = []
        var fixed = 0
        var textColumns: [Int] = []
        for piece in try pieces(text, field: field) {
            switch piece {
            case .literal(let literal):
                literals.append(literal)
                parts.append(.literal(literals.count - 1))
                fixed += literal.utf8.count
            case .range(let low, let high):
                let min = try bound(low), max = try bound(high)
                guard min <= max else { throw field.error("{\(low)..\(high)}: max is below min") }
                let width = low.count > 1 && low.hasPrefix("0") ? low.count : 0
                guard width <= 19 else { throw field.error("{\(low)..\(high)}: at most 19 digits") }
                parts.append(.range(min: UInt64(min), count: UInt64(max - min) + 1, width: width))
                fixed += 20
            case .column(let name):
                let (part, maxLength) = try column(name, field)
                parts.append(part)
                if case .text(let index) = part { textColumns.append(index) }
                fixed += maxLength
            }
        }
        return Template(parts: parts, literals: TextTable(literals), fixedMaxLength: fixed, textColumns: textColumns)
    }

    /// `#` is a random digit; anything else is literal.
    static func pattern(_ text: String) throws -> Template {
        var literals = ["true", "false"]
        var parts: [Template.Part] = []
        var fixed = 0
        var literal = "", digits = 0
        func flush() {
            if !literal.isEmpty { literals.append(literal); parts.append(.literal(literals.count - 1)); fixed += literal.utf8.count; literal = "" }
            while digits > 0 {
                let run = min(digits, 18)
                var count: UInt64 = 1
                for _ in 0..<run { count *= 10 }
                parts.append(.range(min: 0, count: count, width: run))
                fixed += run
                digits -= run
            }
        }
        for c in text {
            if c == "#" {
                if !literal.isEmpty { flush() }
                digits += 1
            } else {
                if digits > 0 { flush() }
                literal.append(c)
            }
        }
        flush()
        return Template(parts: parts, literals: TextTable(literals), fixedMaxLength: fixed, textColumns: [])
    }
}
