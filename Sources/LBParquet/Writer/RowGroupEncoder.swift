/// Encodes rows into one row group, a page per column for each `append`.
/// One encoder per worker thread: it reuses its scratch buffers and codec
/// contexts from one row group to the next. After an error, discard it.
public final class RowGroupEncoder {
    public let schema: ParquetSchema
    public let options: WriterOptions
    private let columns: [ColumnChunkEncoder]
    private let scratch = PageScratch()
    private let compressor: PageCompressor

    /// `pool`, shared by the encoders of one run, recycles page buffers once
    /// their row group is written; without one, buffers are freed.
    public init(schema: ParquetSchema, options: WriterOptions, pool: PageBufferPool? = nil) {
        self.schema = schema
        self.options = options
        columns = schema.columns.enumerated().map {
            ColumnChunkEncoder(column: $1, options: options, index: $0, pool: pool)
        }
        compressor = PageCompressor(compression: options.compression)
    }

    /// Rows appended since the last `finish`.
    public private(set) var bufferedRows: Int = 0

    /// Time spent so far building page bodies vs compressing them; the caller
    /// may reset it.
    public var timings = EncoderTimings()

    /// Encodes `rowCount` rows (one data page per column). `columns` follows
    /// the schema's order. A REQUIRED column's validity is ignored.
    public func append(rowCount: Int, columns data: [ColumnData]) throws {
        guard data.count == columns.count else {
            throw ParquetError.invalidInput("\(data.count) columns given, schema has \(columns.count)")
        }
        guard rowCount >= 0, rowCount <= Int(Int32.max) else {
            throw ParquetError.invalidInput("row count \(rowCount) out of range")
        }
        if rowCount == 0 { return }
        for (encoder, column) in zip(columns, data) {
            try encoder.appendPage(
                rowCount: rowCount, data: column, scratch: scratch, compressor: compressor, timings: &timings)
        }
        bufferedRows += rowCount
    }

    /// Completes the row group (dictionary pages, statistics) and resets the
    /// encoder for the next one.
    public func finish() throws -> EncodedRowGroup {
        var chunks: [ChunkBytes] = []
        var metadata: [ColumnChunkMetadata] = []
        chunks.reserveCapacity(columns.count)
        metadata.reserveCapacity(columns.count)
        for encoder in columns {
            let chunk = try encoder.finish(scratch: scratch, compressor: compressor, timings: &timings)
            chunks.append(chunk.bytes)
            metadata.append(chunk.metadata)
        }
        let rowGroup = EncodedRowGroup(rowCount: bufferedRows, parts: chunks, metadata: metadata)
        bufferedRows = 0
        return rowGroup
    }
}
