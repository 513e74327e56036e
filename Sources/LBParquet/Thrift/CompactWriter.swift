/// Thrift compact protocol, write side only: just what Parquet's footer and
/// page headers need. Field ids are delta-encoded against the previous field
/// of the same struct, so nested structs save and restore that id.
struct CompactWriter {
    /// Compact protocol type codes.
    enum FieldType: UInt8 {
        case boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6
        case double = 7, binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    private(set) var bytes: [UInt8] = []
    private var lastFieldId: Int16 = 0
    private var savedFieldIds: [Int16] = []

    init() {
        bytes.reserveCapacity(256)
        savedFieldIds.reserveCapacity(8)
    }

    /// Empties the buffer, keeping its capacity (page headers reuse one writer).
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        savedFieldIds.removeAll(keepingCapacity: true)
        lastFieldId = 0
    }

    // MARK: Primitives

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    mutating func writeFieldHeader(_ id: Int16, _ type: FieldType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeVarint(Self.zigzag(Int64(id)))
        }
        lastFieldId = id
    }

    // MARK: Fields

    mutating func field(_ id: Int16, bool value: Bool) {
        writeFieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func field(_ id: Int16, i16 value: Int16) {
        writeFieldHeader(id, .i16)
        writeVarint(Self.zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i32 value: Int32) {
        writeFieldHeader(id, .i32)
        writeVarint(Self.zigzag(Int64(value)))
    }

    mutating func field(_ id: Int16, i64 value: Int64) {
        writeFieldHeader(id, .i64)
        writeVarint(Self.zigzag(value))
    }

    mutating func field(_ id: Int16, binary value: [UInt8]) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    mutating func field(_ id: Int16, string value: String) {
        field(id, binary: Array(value.utf8))
    }

    mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A list header: the size sits in the high nibble when below 15.
    mutating func writeListHeader(_ elementType: FieldType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    mutating func fieldListHeader(_ id: Int16, _ elementType: FieldType, count: Int) {
        writeFieldHeader(id, .list)
        writeListHeader(elementType, count: count)
    }

    /// Opens a struct-typed field; close it with `endStruct`.
    mutating func beginStructField(_ id: Int16) {
        writeFieldHeader(id, .structure)
        beginStruct()
    }

    /// Opens a struct value (top level or a list element).
    mutating func beginStruct() {
        savedFieldIds.append(lastFieldId)
        lastFieldId = 0
    }

    /// Writes the stop byte and returns to the enclosing struct's field ids.
    mutating func endStruct() {
        bytes.append(0)
        lastFieldId = savedFieldIds.popLast() ?? 0
    }

    /// An empty struct-typed field (TypeDefinedOrder, StringType, MICROS...).
    mutating func emptyStructField(_ id: Int16) {
        beginStructField(id)
        endStruct()
    }
}
