import CLBDomain
import LBParquet
#if canImport(Glibc)
import Glibc
#endif

/// One worker's column buffers for a batch of rows: allocated once, handed
/// to the plugin through the ABI, then read by the encoder in place.
final class BatchBuffers {
    let capacity: Int
    let schema: ParquetSchema
    private(set) var columns: UnsafeMutablePointer<lb_column>

    init(schema: ParquetSchema, capacity: Int, stringBytesPerRow: [Int]) {
        self.capacity = capacity
        self.schema = schema
        columns = .allocate(capacity: schema.columns.count)
        for (index, column) in schema.columns.enumerated() {
            var c = lb_column(values: nil, validity: nil, offsets: nil, bytes: nil, bytes_capacity: 0)
            if column.type == .string {
                c.offsets = .allocate(capacity: capacity + 1)
                c.bytes_capacity = max(capacity * max(stringBytesPerRow[index], 16), 4096)
                c.bytes = malloc(c.bytes_capacity)!.assumingMemoryBound(to: UInt8.self)
            } else {
                c.values = UnsafeMutableRawPointer.allocate(byteCount: capacity * Self.width(column.type), alignment: 8)
            }
            if column.nullable {
                c.validity = .allocate(capacity: capacity)
            }
            columns[index] = c
        }
    }

    deinit {
        for index in 0..<schema.columns.count {
            let c = columns[index]
            c.values?.deallocate()
            c.validity?.deallocate()
            c.offsets?.deallocate()
            free(c.bytes)
        }
        columns.deallocate()
    }

    static func width(_ type: ParquetType) -> Int {
        switch type {
        case .boolean: 1
        case .int32, .float, .date: 4
        case .int64, .double, .timestampMicros: 8
        case .string: 0
        }
    }

    /// Readies the buffers for a fill: every row valid, every value zero, no
    /// strings yet. Zeroing keeps a plugin that skips a row from leaking the
    /// worker's previous batch, which would make output depend on scheduling.
    func reset(rows: Int) {
        for (index, column) in schema.columns.enumerated() {
            let c = columns[index]
            c.validity?.update(repeating: 1, count: rows)
            c.offsets?[0] = 0
            c.values?.initializeMemory(as: UInt8.self, repeating: 0, count: rows * Self.width(column.type))
        }
    }

    /// The encoder's view of what the plugin wrote.
    func columnData() -> [ColumnData] {
        (0..<schema.columns.count).map { index in
            let c = columns[index]
            return ColumnData(values: c.values.map { UnsafeRawPointer($0) },
                              validity: c.validity.map { UnsafePointer($0) },
                              offsets: c.offsets.map { UnsafePointer($0) },
                              bytes: c.bytes.map { UnsafePointer($0) })
        }
    }

    /// Bytes the plugin wrote to each string column (0 for fixed-width).
    func stringBytes(rows: Int) -> [Int] {
        (0..<schema.columns.count).map { index in
            columns[index].offsets.map { Int($0[rows]) } ?? 0
        }
    }

    /// The host's half of the ABI: string arenas grow through here.
    nonisolated(unsafe) static let hostAPI: UnsafeMutablePointer<lb_host_api> = {
        let api = UnsafeMutablePointer<lb_host_api>.allocate(capacity: 1)
        api.initialize(to: lb_host_api(abi_version: LB_DOMAIN_ABI_VERSION, reserve_bytes: { column, minimum in
            guard let column else { return 1 }
            if column.pointee.bytes_capacity >= minimum { return 0 }
            let grown = max(minimum, column.pointee.bytes_capacity * 2)
            guard let bytes = realloc(column.pointee.bytes, grown) else { return 1 }
            column.pointee.bytes = bytes.assumingMemoryBound(to: UInt8.self)
            column.pointee.bytes_capacity = grown
            return 0
        }))
        return api
    }()
}
