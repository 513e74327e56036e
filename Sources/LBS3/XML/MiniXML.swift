// Just enough XML for S3 responses: S3 answers are flat, well-formed and
// without CDATA, so finding <Name>text</Name> pairs is all that is needed.

struct MiniXML {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ text: String) { self.bytes = Array(text.utf8) }

    /// The inner text of every `<tag ...>…</tag>` in `range`, in order
    /// (a self-closing `<tag/>` gives an empty string).
    func elements(_ tag: String, in range: Range<Int>? = nil) -> [Range<Int>] {
        let open = Array("<\(tag)".utf8)
        let close = Array("</\(tag)>".utf8)
        var result: [Range<Int>] = []
        var i = range?.lowerBound ?? 0
        let end = range?.upperBound ?? bytes.count
        while let start = find(open, from: i, end: end) {
            let after = start + open.count
            guard after < end else { break }
            let c = bytes[after]
            guard c == UInt8(ascii: ">") || c == UInt8(ascii: " ") || c == UInt8(ascii: "/")
                    || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") else {
                i = after
                continue
            }
            guard let gt = find([UInt8(ascii: ">")], from: after, end: end) else { break }
            if bytes[gt - 1] == UInt8(ascii: "/") {
                result.append(gt + 1 ..< gt + 1)
                i = gt + 1
                continue
            }
            guard let stop = find(close, from: gt + 1, end: end) else { break }
            result.append(gt + 1 ..< stop)
            i = stop + close.count
        }
        return result
    }

    /// Unescaped text of the first `<tag>` in `range`.
    func text(_ tag: String, in range: Range<Int>? = nil) -> String? {
        elements(tag, in: range).first.map { Self.unescape(bytes[$0]) }
    }

    /// Unescaped texts of every `<tag>` in `range`.
    func texts(_ tag: String, in range: Range<Int>? = nil) -> [String] {
        elements(tag, in: range).map { Self.unescape(bytes[$0]) }
    }

    private func find(_ needle: [UInt8], from: Int, end: Int) -> Int? {
        guard !needle.isEmpty, end - from >= needle.count else { return nil }
        let first = needle[0]
        var i = from
        let last = end - needle.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < needle.count && bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Replaces the five predefined entities and numeric references.
    static func unescape(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        while i < slice.endIndex {
            let b = slice[i]
            if b == UInt8(ascii: "&"), let semi = slice[i...].firstIndex(of: UInt8(ascii: ";")), semi - i <= 10 {
                let name = String(decoding: slice[(i + 1)..<semi], as: UTF8.self)
                var scalar: Unicode.Scalar?
                switch name {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if name.hasPrefix("#") {
                        scalar = UInt32(name.dropFirst(1)).flatMap(Unicode.Scalar.init)
                    }
                }
                if let s = scalar {
                    out.append(contentsOf: Array(String(Character(s)).utf8))
                    i = semi + 1
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Escapes text for an element body.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }
}
