import CLBDomain
import LBParquet
import LBSync

/// One worker's machinery: fills batches through the plugin, checks what
/// the plugin wrote (a breach of the ABI is a `HostError` naming the
/// column) and encodes them into a row group. Owns its buffers and encoder
/// for its whole life, so nothing is allocated per row or per batch.
/// Public for the plugin-batch fuzz target (Fuzz/PluginBatch).
public final class RowGroupProducer: @unchecked Sendable {  // owned by one worker thread at a time
    let domain: DomainInstance
    let layout: RowLayout
    private let buffers: BatchBuffers
    private let encoder: RowGroupEncoder
    private(set) var fillNanoseconds: UInt64 = 0
    /// Bytes of the pages it made before compression.
    private(set) var uncompressedBytes = 0
    /// Encoding (without compression) and compression time.
    var encoderTimings: EncoderTimings { encoder.timings }

    public init(domain: DomainInstance, layout: RowLayout, options: WriterOptions, stringBytesPerRow: [Int],
                pool: PageBufferPool? = nil) {
        self.domain = domain
        self.layout = layout
        let schema = domain.schema
        buffers = BatchBuffers(schema: schema, capacity: layout.rowsPerBatch, stringBytesPerRow: stringBytesPerRow)
        encoder = RowGroupEncoder(schema: schema, options: options, pool: pool)
    }

    /// Rows `firstRow ..< firstRow + rowCount` of a file, as one row group.
    public func produce(fileID: UInt64, rowsInFile: Int, firstRow: Int, rowCount: Int) throws -> EncodedRowGroup {
        var row = firstRow
        while row < firstRow + rowCount {
            let rows = min(layout.rowsPerBatch, firstRow + rowCount - row)
            try fill(fileID: fileID, rowsInFile: rowsInFile, firstRow: row, rows: rows)
            do {
                try encoder.append(rowCount: rows, columns: buffers.columnData())
            } catch let error as ParquetError {
                // The writer refuses a label index past the labels; say which and where.
                if let problem = buffers.labelViolation(rows: rows) {
                    throw abiViolation(problem, fileID: fileID, firstRow: row, rows: rows)
                }
                throw error
            }
            row += rows
        }
        let rowGroup = try encoder.finish()
        uncompressedBytes += rowGroup.uncompressedByteCount
        return rowGroup
    }

    /// Fills one batch; its random streams depend only on (seed, file, first row).
    func fill(fileID: UInt64, rowsInFile: Int, firstRow: Int, rows: Int) throws {
        let start = Clock.nanoseconds()
        defer { fillNanoseconds &+= Clock.nanoseconds() &- start }
        buffers.reset(rows: rows)
        var batch = lb_batch(
            seed: domain.seed,
            file_id: fileID,
            rows_per_file: UInt64(layout.rowsPerFile),
            rows_in_file: UInt64(rowsInFile),
            first_row: UInt64(firstRow),
            row_count: UInt64(rows),
            stream_key: lb_stream_seed(lb_stream_seed(domain.seed, fileID), UInt64(firstRow)),
            columns: buffers.columns,
            column_count: UInt32(domain.info.columns.count),
            host: BatchBuffers.hostAPI)
        try domain.fill(&batch)
        if let problem = buffers.abiViolation(rows: rows) {
            throw abiViolation(problem, fileID: fileID, firstRow: firstRow, rows: rows)
        }
    }

    private func abiViolation(_ problem: String, fileID: UInt64, firstRow: Int, rows: Int) -> HostError {
        HostError("domain \(domain.info.name) (\(domain.info.library)) broke the ABI in file \(fileID) rows \(firstRow)..<\(firstRow + rows): \(problem)")
    }

    /// What the last fill wrote, for sizing.
    func lastBatchBytes(rows: Int) -> [Int] { buffers.stringBytes(rows: rows) }
}
