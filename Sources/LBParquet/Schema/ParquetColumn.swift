/// One flat column: REQUIRED when not nullable, OPTIONAL when nullable.
public struct ParquetColumn: Sendable, Hashable {
    public var name: String
    public var type: ParquetType
    public var nullable: Bool
    /// A STRING column with a fixed set of values: its rows arrive as UInt32
    /// indices into `labels` (`ColumnData.values`), and every chunk is
    /// dictionary-encoded against them without hashing a byte. Nil for
    /// ordinary columns.
    public var labels: [[UInt8]]?

    /// Rows come as offsets into bytes: a STRING column without labels.
    public var hasStringBytes: Bool { type == .string && labels == nil }

    /// Bytes a row takes in `ColumnData.values`: a labelled column's row is
    /// its UInt32 label index; 0 for strings, whose bytes live in an arena.
    public var valueWidth: Int { labels != nil ? MemoryLayout<UInt32>.size : type.valueWidth }

    public init(name: String, type: ParquetType, nullable: Bool, labels: [[UInt8]]? = nil) {
        precondition(labels == nil || type == .string, "labels belong to STRING columns")
        self.name = name
        self.type = type
        self.nullable = nullable
        self.labels = labels
    }
}
