import XCTest
@testable import LBParquet

final class RowGroupEncoderTests: XCTestCase {
    final class MemorySink: ParquetSink {
        var bytes: [UInt8] = []
        func write(_ chunk: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: chunk) }
    }

    private let schema = ParquetSchema(columns: [ParquetColumn(name: "v", type: .int64, nullable: false)])

    private func encode(_ encoder: RowGroupEncoder, _ values: [Int64]) throws -> EncodedRowGroup {
        try values.withUnsafeBytes {
            try encoder.append(rowCount: values.count, columns: [ColumnData(values: $0.baseAddress)])
        }
        return try encoder.finish()
    }

    /// The encoder reuses a handed-over page buffer only once nobody holds
    /// its row group: a row group kept alive must keep its bytes.
    func testKeptRowGroupIsNotOverwritten() throws {
        let encoder = RowGroupEncoder(schema: schema, options: WriterOptions(compression: .none, createdBy: "test"))
        let first = try encode(encoder, Array(0..<1000))
        let snapshot = first.chunks
        for round in 1...3 {
            _ = try encode(encoder, (0..<1000).map { Int64($0 * 7 + round) })
        }
        XCTAssertEqual(first.chunks, snapshot)
        XCTAssertEqual(first.rowCount, 1000)
    }

    func testFileFraming() throws {
        let options = WriterOptions(compression: .snappy, createdBy: "test")
        let sink = MemorySink()
        let writer = try ParquetFileWriter(schema: schema, options: options, keyValueMetadata: [("k", "v")], sink: sink)
        let encoder = RowGroupEncoder(schema: schema, options: options)
        let rowGroup = try encode(encoder, [1, 2, 3])
        try writer.append(rowGroup)
        let summary = try writer.close()
        XCTAssertEqual(summary, ParquetFileSummary(rows: 3, bytes: sink.bytes.count, rowGroups: 1))
        XCTAssertEqual(writer.bytesWritten, sink.bytes.count)
        XCTAssertEqual(Array(sink.bytes.prefix(4)), Array("PAR1".utf8))
        XCTAssertEqual(Array(sink.bytes.suffix(4)), Array("PAR1".utf8))
        let n = sink.bytes.count
        let footerLength = sink.bytes[(n - 8)..<(n - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(4 + rowGroup.byteCount + footerLength + 8, n)
        XCTAssertThrowsError(try writer.append(rowGroup))
    }
}
