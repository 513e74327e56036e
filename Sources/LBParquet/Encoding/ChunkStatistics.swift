/// Statistics of one column chunk as the footer stores them: min and max are
/// PLAIN-encoded values (strings without their length prefix).
struct ChunkStatistics: Sendable, Hashable {
    var nullCount: Int64
    var min: [UInt8]?
    var max: [UInt8]?

    /// Statistics struct, fields 3 (null_count), 5 (max_value), 6 (min_value).
    /// The deprecated min/max (1, 2) are left out: with column_orders set,
    /// readers use the new fields, and the old ones had signed-byte ordering.
    func encode(into w: inout CompactWriter) {
        w.field(3, i64: nullCount)
        if let max, let min {
            w.field(5, binary: max)
            w.field(6, binary: min)
        }
    }
}
