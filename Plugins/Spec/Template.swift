import LBDomainKit

/// Text joined from literals, random integers and other columns' values
/// (`{first}.{last}@{domain}`, `PRD{10000..99998}`), compiled into parts.
struct Template {
    enum Part {
        case literal(Int)
        /// An integer in min ..< min + count, zero padded to `width` digits (0: none).
        case range(min: UInt64, count: UInt64, width: Int)
        case label(column: Int)
        case text(column: Int)
        case int(column: Int)
        case bool(column: Int)
    }

    /// Laid out once for the run (like a TextTable): reading them costs no
    /// reference counting in the row loop.
    let parts: UnsafeBufferPointer<Part>
    let literals: TextTable
    /// The most bytes the parts other than string columns can write.
    let fixedMaxLength: Int
    /// String columns read: their row's length adds to the room needed.
    let textColumns: [Int]

    init(parts: [Part], literals: TextTable, fixedMaxLength: Int, textColumns: [Int]) {
        let storage = UnsafeMutableBufferPointer<Part>.allocate(capacity: max(parts.count, 1))
        _ = storage.initialize(from: parts)
        self.parts = UnsafeBufferPointer(rebasing: storage[0..<parts.count])
        self.literals = literals
        self.fixedMaxLength = fixedMaxLength
        self.textColumns = textColumns
    }

    @inline(__always)
    func maxLength(_ row: Int, _ views: UnsafePointer<ColumnView>) -> Int {
        var length = fixedMaxLength
        for column in textColumns { length += views[column].bytes(row).count }
        return length
    }

    /// Writes the row's text at `p`; returns its length. Null values write nothing.
    @inline(__always)
    func write(_ row: Int, _ views: UnsafePointer<ColumnView>, _ random: inout RandomStream, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        for part in parts {
            switch part {
            case .literal(let index): n += literals.write(index, to: p + n)
            case .range(let min, let count, let width):
                let value = min &+ random.next(below: count)
                if width == 0 && min &+ count <= 1000 {
                    n += TextEncoding.writeSmallDecimal(value, to: p + n)  // room: 20 bytes are reserved per range
                } else if width > 0 {
                    TextEncoding.writeDecimal(value, digits: width, to: p + n)
                    n += width
                } else {
                    n += TextEncoding.writeDecimal(value, to: p + n)
                }
            case .label(let column):
                if !views[column].isNull(row) { n += views[column].labels!.write(views[column].label(row), to: p + n) }
            case .text(let column):
                if !views[column].isNull(row) { n += TextEncoding.write(views[column].bytes(row), to: p + n) }
            case .int(let column):
                if !views[column].isNull(row) {
                    let value = views[column].int(row)
                    if value < 0 { p[n] = 45; n += 1 }
                    n += TextEncoding.writeDecimal(value.magnitude, to: p + n)
                }
            case .bool(let column):
                if !views[column].isNull(row) {
                    n += literals.write(views[column].int(row) != 0 ? 0 : 1, to: p + n)
                }
            }
        }
        return n
    }
}
