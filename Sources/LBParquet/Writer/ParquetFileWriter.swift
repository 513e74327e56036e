/// Streams one Parquet file into a sink: the magic, then row groups as they
/// are appended, then the footer. Holds only the footer's metadata, never the
/// file.
public final class ParquetFileWriter {
    public init(
        schema: ParquetSchema,
        options: WriterOptions,
        keyValueMetadata: [(key: String, value: String)],
        sink: ParquetSink
    ) throws {
        fatalError("ParquetFileWriter is not implemented yet")
    }

    /// Bytes handed to the sink so far.
    public var bytesWritten: Int { fatalError() }

    public func append(_ rowGroup: EncodedRowGroup) throws {
        fatalError()
    }

    /// Writes the footer. The sink holds the whole file afterwards.
    public func close() throws -> ParquetFileSummary {
        fatalError()
    }
}

public struct ParquetFileSummary: Sendable, Hashable {
    public var rows: Int
    public var bytes: Int
    public var rowGroups: Int
}
