import CLBDomain
import LBParquet

/// The first rows of a domain's first file, made in memory exactly as a run
/// would make them (file 0, one batch) and decoded into values: what
/// `lb-datagen preview` shows.
public struct DomainSample {
    public enum Value: Hashable, Sendable {
        case null
        case bool(Bool)
        case int(Int64)
        case real(Double)
        case text(String)
        /// Microseconds since 1970, no time zone.
        case timestamp(Int64)
        /// Days since 1970.
        case date(Int64)
    }

    public let columns: [DomainInfo.Column]
    /// Row-major.
    public let rows: [[Value]]

    /// Makes `count` rows as the first rows of a file of `count` rows.
    public init(_ domain: DomainInstance, rows count: Int) throws {
        precondition(count > 0)
        let schema = domain.schema
        let buffers = BatchBuffers(schema: schema, capacity: count, stringBytesPerRow: schema.columns.map { _ in 64 })
        buffers.reset(rows: count)
        var batch = lb_batch(
            seed: domain.seed, file_id: 0, rows_per_file: UInt64(count), rows_in_file: UInt64(count), first_row: 0,
            row_count: UInt64(count), stream_key: lb_stream_seed(lb_stream_seed(domain.seed, 0), 0),
            columns: buffers.columns, column_count: UInt32(domain.info.columns.count), host: BatchBuffers.hostAPI)
        try domain.fill(&batch)
        if let problem = buffers.abiViolation(rows: count) ?? buffers.labelViolation(rows: count) {
            throw HostError("domain \(domain.info.name) (\(domain.info.library)) broke the ABI: \(problem)")
        }
        var rows = [[Value]](repeating: [], count: count)
        for (index, column) in schema.columns.enumerated() {
            let c = buffers.columns[index]
            let labels = column.labels?.map { String(decoding: $0, as: UTF8.self) }
            for row in 0..<count {
                rows[row].append(Self.value(c, row: row, type: column.type, labels: labels))
            }
        }
        self.columns = domain.info.columns
        self.rows = rows
    }

    private static func value(_ c: lb_column, row: Int, type: ParquetType, labels: [String]?) -> Value {
        if let validity = c.validity, validity[row] == 0 { return .null }
        if let labels { return .text(labels[Int(c.values!.load(fromByteOffset: row * 4, as: UInt32.self))]) }
        switch type {
        case .boolean: return .bool(c.values!.load(fromByteOffset: row, as: UInt8.self) != 0)
        case .int32: return .int(Int64(c.values!.load(fromByteOffset: row * 4, as: Int32.self)))
        case .date: return .date(Int64(c.values!.load(fromByteOffset: row * 4, as: Int32.self)))
        case .int64: return .int(c.values!.load(fromByteOffset: row * 8, as: Int64.self))
        case .timestampMicros: return .timestamp(c.values!.load(fromByteOffset: row * 8, as: Int64.self))
        case .float: return .real(Double(c.values!.load(fromByteOffset: row * 4, as: Float.self)))
        case .double: return .real(c.values!.load(fromByteOffset: row * 8, as: Double.self))
        case .string:
            let start = Int(c.offsets![row]), end = Int(c.offsets![row + 1])
            return .text(String(decoding: UnsafeBufferPointer(start: c.bytes! + start, count: end - start), as: UTF8.self))
        }
    }
}
