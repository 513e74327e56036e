/// Streams one Parquet file into a sink: the magic, then row groups as they
/// are appended, then the footer. Holds only the footer's metadata, never the
/// file.
public final class ParquetFileWriter {
    private static let magic: [UInt8] = Array("PAR1".utf8)

    private let schema: ParquetSchema
    private let options: WriterOptions
    private let keyValueMetadata: [(key: String, value: String)]
    private let sink: ParquetSink
    private var rowGroups: [FileMetaData.RowGroup] = []
    private var offset = 0
    private var closed = false

    public init(
        schema: ParquetSchema,
        options: WriterOptions,
        keyValueMetadata: [(key: String, value: String)],
        sink: ParquetSink
    ) throws {
        self.schema = schema
        self.options = options
        self.keyValueMetadata = keyValueMetadata
        self.sink = sink
        try write(Self.magic)
    }

    /// Bytes handed to the sink so far.
    public var bytesWritten: Int { offset }

    public func append(_ rowGroup: EncodedRowGroup) throws {
        guard !closed else { throw ParquetError.closed }
        guard rowGroup.parts.count == schema.columns.count, rowGroup.metadata.count == schema.columns.count else {
            throw ParquetError.schemaMismatch("\(rowGroup.parts.count) chunks for \(schema.columns.count) columns")
        }
        for (index, column) in schema.columns.enumerated()
        where rowGroup.metadata[index].physicalType != column.type.physicalType {
            throw ParquetError.schemaMismatch("column \(column.name) has another physical type")
        }
        guard rowGroups.count < Int(Int16.max) else {
            throw ParquetError.schemaMismatch("more than \(Int16.max) row groups")
        }
        var placed: [ColumnChunkMetadata] = []
        placed.reserveCapacity(rowGroup.parts.count)
        for (chunk, metadata) in zip(rowGroup.parts, rowGroup.metadata) {
            placed.append(metadata.rebased(by: Int64(offset)))
            try write(chunk.dictionaryPage)
            // Page blocks are never written to again once encoded: the sink
            // may keep them rather than copy them.
            for block in chunk.pages { try write(block.bytes, keepingAlive: block) }
        }
        rowGroups.append(FileMetaData.RowGroup(
            numRows: Int64(rowGroup.rowCount), columns: placed, ordinal: Int16(rowGroups.count)))
    }

    /// Writes the footer. The sink holds the whole file afterwards.
    public func close() throws -> ParquetFileSummary {
        guard !closed else { throw ParquetError.closed }
        closed = true
        let footer = FileMetaData(
            schema: schema, rowGroups: rowGroups, keyValueMetadata: keyValueMetadata,
            createdBy: options.createdBy
        ).encode()
        var tail = footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { tail.append(contentsOf: $0) }
        tail.append(contentsOf: Self.magic)
        try write(tail)
        return ParquetFileSummary(
            rows: rowGroups.reduce(0) { $0 + Int($1.numRows) }, bytes: offset, rowGroups: rowGroups.count)
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.isEmpty { return }
        try sink.write(bytes)
        offset += bytes.count
    }

    private func write(_ bytes: UnsafeRawBufferPointer, keepingAlive owner: AnyObject) throws {
        if bytes.isEmpty { return }
        try sink.write(bytes, keepingAlive: owner)
        offset += bytes.count
    }
}

public struct ParquetFileSummary: Sendable, Hashable {
    public var rows: Int
    public var bytes: Int
    public var rowGroups: Int
}
