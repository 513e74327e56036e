/// Encodes rows into one row group, a page per column for each `append`.
/// One encoder per worker thread: it reuses its scratch buffers and codec
/// contexts from one row group to the next.
public final class RowGroupEncoder {
    public let schema: ParquetSchema
    public let options: WriterOptions

    public init(schema: ParquetSchema, options: WriterOptions) {
        self.schema = schema
        self.options = options
    }

    /// Rows appended since the last `finish`.
    public private(set) var bufferedRows: Int = 0

    /// Encodes `rowCount` rows (one data page per column). `columns` follows
    /// the schema's order.
    public func append(rowCount: Int, columns: [ColumnData]) throws {
        fatalError("RowGroupEncoder.append is not implemented yet")
    }

    /// Completes the row group (dictionary pages, statistics) and resets the
    /// encoder for the next one.
    public func finish() throws -> EncodedRowGroup {
        fatalError("RowGroupEncoder.finish is not implemented yet")
    }
}
