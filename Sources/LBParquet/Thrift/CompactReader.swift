/// Thrift compact protocol, read side: just enough to read a Parquet footer
/// back (the fields asked for, every other field skipped). Every read is
/// bounds-checked: the bytes may be a damaged or foreign file.
struct CompactReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Malformed() }
        offset += 1
        return bytes[offset - 1]
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 7) {
            let b = try byte()
            value |= UInt64(b & 0x7f) << UInt64(shift)
            if b & 0x80 == 0 { return value }
        }
        throw Malformed()
    }

    mutating func zigzag() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    mutating func binary() throws -> [UInt8] {
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else { throw Malformed() }
        offset += Int(length)
        return Array(bytes[offset - Int(length)..<offset])
    }

    /// The next field of the current struct: (id, type), or nil at its end.
    mutating func fieldHeader(previous: inout Int16) throws -> (id: Int16, type: UInt8)? {
        let header = try byte()
        guard header != 0 else { return nil }
        let type = header & 0x0f
        let delta = header >> 4
        if delta != 0 {
            previous = previous &+ Int16(delta)
        } else {
            let id = try zigzag()
            guard let narrow = Int16(exactly: id) else { throw Malformed() }
            previous = narrow
        }
        return (previous, type)
    }

    /// (element type, count) of a list or set.
    mutating func listHeader() throws -> (type: UInt8, count: Int) {
        let header = try byte()
        var count = UInt64(header >> 4)
        if count == 15 { count = try varint() }
        guard count <= UInt64(bytes.count - offset) else { throw Malformed() }  // each element takes a byte at least
        return (header & 0x0f, Int(count))
    }

    /// Skips a value of compact type `type`; `depth` bounds nesting.
    mutating func skip(_ type: UInt8, depth: Int = 0) throws {
        guard depth < 64 else { throw Malformed() }
        switch type {
        case 1, 2: break  // a bool field carries its value in the type
        case 3: _ = try byte()
        case 4, 5, 6: _ = try varint()
        case 7:
            guard bytes.count - offset >= 8 else { throw Malformed() }
            offset += 8
        case 8: _ = try binary()
        case 9, 10:
            let (element, count) = try listHeader()
            for _ in 0..<count {
                if element == 1 || element == 2 { _ = try byte() } else { try skip(element, depth: depth + 1) }
            }
        case 11:
            let count = try varint()
            guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
            if count > 0 {
                let types = try byte()
                for _ in 0..<count {
                    try skip(types >> 4, depth: depth + 1)
                    try skip(types & 0x0f, depth: depth + 1)
                }
            }
        case 12:
            var previous: Int16 = 0
            while let field = try fieldHeader(previous: &previous) { try skip(field.type, depth: depth + 1) }
        default:
            throw Malformed()
        }
    }
}
