import LBDomainKit

/// Where a label column's (or a string column's) label index comes from.
/// Indices are offset to where the source's labels start among its column's.
enum LabelSource {
    case choice(WeightedChoice, offset: Int)
    /// Label number (value of an integer column) mod count.
    case map(column: Int, count: Int, offset: Int)
    case constant(Int)

    @inline(__always)
    func index(_ random: inout RandomStream, row: Int, views: UnsafePointer<ColumnView>) -> Int {
        switch self {
        case .choice(let choice, let offset): return offset &+ choice.pick(&random)
        case .map(let column, let count, let offset):
            let value = views[column].int(row) % Int64(count)
            return offset &+ Int(value < 0 ? value + Int64(count) : value)
        case .constant(let index): return index
        }
    }
}

/// A generator of text for a string column.
enum TextGenerator {
    case labels(LabelSource, TextTable, longest: Int)
    case uuid
    case hex(bytes: Int)
    /// One of several templates, uniformly (one: always it).
    case templates([Template])

    @inline(__always)
    func maxLength(_ row: Int, _ views: UnsafePointer<ColumnView>) -> Int {
        switch self {
        case .labels(_, _, let longest): return longest
        case .uuid: return 36
        case .hex(let bytes): return 2 * bytes
        case .templates(let templates):
            var length = 0
            for template in templates { length = max(length, template.maxLength(row, views)) }
            return length
        }
    }

    @inline(__always)
    func write(_ row: Int, _ views: UnsafePointer<ColumnView>, _ random: inout RandomStream, to p: UnsafeMutablePointer<UInt8>) -> Int {
        switch self {
        case .labels(let source, let table, _): return table.write(source.index(&random, row: row, views: views), to: p)
        case .uuid:
            TextEncoding.writeUUID(to: p, random: &random)
            return 36
        case .hex(let bytes):
            TextEncoding.writeRandomHex(byteCount: bytes, to: p, random: &random)
            return 2 * bytes
        case .templates(let templates):
            let template = templates.count == 1 ? templates[0] : templates[Int(random.next(below: UInt64(templates.count)))]
            return template.write(row, views, &random, to: p)
        }
    }
}
