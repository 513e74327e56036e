/// The value types the writer encodes, each mapped to a Parquet physical and
/// logical type.
public enum ParquetType: Sendable, Hashable {
    /// BOOLEAN; input: one byte a row, 0 or 1.
    case boolean
    /// INT32; input: Int32.
    case int32
    /// INT64; input: Int64.
    case int64
    /// FLOAT; input: Float.
    case float
    /// DOUBLE; input: Double.
    case double
    /// BYTE_ARRAY annotated STRING (UTF-8); input: offsets + byte arena.
    case string
    /// INT64 TIMESTAMP(MICROS, isAdjustedToUTC = false); input: Int64.
    case timestampMicros
    /// INT32 DATE; input: Int32 days since the epoch.
    case date

    /// Bytes a value takes as input, and in PLAIN encoding but for BOOLEAN
    /// (bit-packed there); 0 for strings, which come as offsets into bytes.
    public var valueWidth: Int {
        switch self {
        case .boolean: 1
        case .int32, .date, .float: 4
        case .int64, .timestampMicros, .double: 8
        case .string: 0
        }
    }
}
