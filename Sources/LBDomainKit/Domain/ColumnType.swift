import CLBDomain

/// Column types a domain can declare (mirrors `lb_type`).
public enum ColumnType: UInt32, Sendable, CaseIterable {
    case boolean = 1
    case int32 = 2
    case int64 = 3
    case float = 4
    case double = 5
    case string = 6
    case timestampMicros = 7
    case date = 8
    /// One of a few fixed strings: a row holds its label's index (set through
    /// a `CategoryColumnHandle`), the domain names the labels in
    /// `labels(for:)`, and files hold a dictionary-encoded string.
    case category = 9

    /// The header's constant for this type; the raw value must equal it.
    public var abiType: lb_type {
        switch self {
        case .boolean: LB_TYPE_BOOLEAN
        case .int32: LB_TYPE_INT32
        case .int64: LB_TYPE_INT64
        case .float: LB_TYPE_FLOAT
        case .double: LB_TYPE_DOUBLE
        case .string: LB_TYPE_STRING
        case .timestampMicros: LB_TYPE_TIMESTAMP_MICROS
        case .date: LB_TYPE_DATE
        case .category: LB_TYPE_CATEGORY
        }
    }

    /// Bytes per row in `lb_column.values`, as the header lays them out;
    /// nil for strings, whose bytes sit in an arena.
    public var elementWidth: Int? {
        switch self {
        case .boolean: MemoryLayout<UInt8>.size
        case .int32, .date: MemoryLayout<Int32>.size
        case .float: MemoryLayout<Float>.size
        case .int64, .timestampMicros: MemoryLayout<Int64>.size
        case .double: MemoryLayout<Double>.size
        case .category: MemoryLayout<UInt32>.size
        case .string: nil
        }
    }
}
