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
}
