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
            if column.hasStringBytes {
                c.offsets = .allocate(capacity: capacity + 1)
                c.bytes_capacity = max(capacity * max(stringBytesPerRow[index], 16), 4096)
                c.bytes = malloc(c.bytes_capacity)!.assumingMemoryBound(to: UInt8.self)
            } else {
                c.values = UnsafeMutableRawPointer.allocate(byteCount: capacity * column.valueWidth, alignment: 8)
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

    /// Readies the buffers for a fill: every row valid, every value zero, no
    /// strings yet. Zeroing keeps a plugin that skips a row from leaking the
    /// worker's previous batch, which would make output depend on scheduling.
    func reset(rows: Int) {
        for (index, column) in schema.columns.enumerated() {
            let c = columns[index]
            c.validity?.update(repeating: 1, count: rows)
            c.offsets?[0] = 0
            c.values?.initializeMemory(as: UInt8.self, repeating: 0, count: rows * column.valueWidth)
        }
    }

    /// What a plugin wrote that the writer must not read: a validity byte
    /// other than 0 or 1, a boolean of a non-null row other than 0 or 1
    /// (the writer keeps its lowest bit: 2 would become false), string
    /// offsets that go backwards or past the arena, or a category column
    /// without values. Cheap next to filling (one pass over validity bytes,
    /// booleans and offsets). Label indices past the labels are the
    /// writer's to find as it maps them; `labelViolation` words that error.
    func abiViolation(rows: Int) -> String? {
        for (index, column) in schema.columns.enumerated() {
            let c = columns[index]
            if let validity = c.validity, !Self.allZeroOrOne(validity, count: rows) {
                return "column \(column.name) has a validity byte other than 0 or 1"
            }
            if column.type == .boolean, let values = c.values,
               !Self.booleansZeroOrOne(values.assumingMemoryBound(to: UInt8.self), validity: c.validity, count: rows) {
                return "column \(column.name) has a boolean other than 0 or 1"
            }
            if let offsets = c.offsets {
                if offsets[0] != 0 || Int(offsets[rows]) > c.bytes_capacity || Self.goesBackwards(offsets, rows: rows) {
                    return "column \(column.name) has string offsets that go backwards or past its \(c.bytes_capacity)-byte arena"
                }
            }
            if column.labels != nil && c.values == nil {
                return "column \(column.name) has no values buffer"
            }
        }
        return nil
    }

    /// The first category column with a label index past its labels.
    func labelViolation(rows: Int) -> String? {
        for (index, column) in schema.columns.enumerated() {
            guard let labels = column.labels, let values = columns[index].values else { continue }
            if let label = Self.labelOutOfRange(values.assumingMemoryBound(to: UInt32.self), validity: columns[index].validity, count: rows, labels: labels.count) {
                return "column \(column.name) has label index \(label), past its \(labels.count) labels"
            }
        }
        return nil
    }

    /// Eight bytes at a time: any bit above the lowest of a byte is set.
    static func allZeroOrOne(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        let raw = UnsafeRawPointer(bytes)
        var high: UInt64 = 0
        var offset = 0
        while offset + 8 <= count {
            high |= raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            high |= UInt64(bytes[offset])
            offset += 1
        }
        return high & 0xfefe_fefe_fefe_fefe == 0
    }

    /// Whether every non-null row's boolean is 0 or 1 (a null row's byte is
    /// ignored, as the writer ignores it). Validity bytes are 0 or 1 here.
    static func booleansZeroOrOne(_ values: UnsafePointer<UInt8>, validity: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard let validity else { return allZeroOrOne(UnsafeMutablePointer(mutating: values), count: count) }
        var high: UInt8 = 0
        var row = 0
        while row < count {
            high |= values[row] & (0 &- validity[row])
            row &+= 1
        }
        return high & 0xfe == 0
    }

    /// Whether any offset is below the one before it. Branch-free, so the
    /// loop vectorizes: this runs on every batch.
    static func goesBackwards(_ offsets: UnsafeMutablePointer<UInt32>, rows: Int) -> Bool {
        var backwards: UInt32 = 0
        var row = 0
        while row < rows {
            backwards |= offsets[row] > offsets[row &+ 1] ? 1 : 0
            row &+= 1
        }
        return backwards != 0
    }

    /// The greatest label index of the non-null rows, when it names no label.
    /// (A null row's index is ignored: its validity byte masks it to 0.)
    /// The common case is one branch-free pass that only asks whether any
    /// index is out of range; the greatest is found when one is.
    static func labelOutOfRange(_ values: UnsafePointer<UInt32>, validity: UnsafePointer<UInt8>?, count: Int, labels: Int) -> UInt32? {
        guard labels <= Int(UInt32.max) else { return nil }
        let limit = UInt32(labels)
        func index(_ row: Int) -> UInt32 {
            guard let validity else { return values[row] }
            return values[row] & (0 &- UInt32(validity[row]))
        }
        var outOfRange: UInt32 = 0
        var row = 0
        while row < count {
            outOfRange |= index(row) >= limit ? 1 : 0
            row &+= 1
        }
        guard outOfRange != 0 else { return nil }
        return (0..<count).map(index).max()
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
