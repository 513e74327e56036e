import Foundation
import LBParquet

/// Writes a fuzz case with LBParquet into memory and checks what it can
/// itself: the writer either refuses the input with an error or makes a
/// file whose footer reads back with the case's row and row-group counts.
/// With LB_FUZZ_OUT set, each file is also saved beside the values it must
/// hold, for pyarrow to read back (scripts/fuzz_check.py).
enum FuzzWriter {
    static let outputDirectory = ProcessInfo.processInfo.environment["LB_FUZZ_OUT"]

    static func run(_ bytes: UnsafeRawBufferPointer) {
        let fuzzCase = FuzzCase(bytes)
        let sink = MemorySink()
        do {
            let schema = ParquetSchema(columns: fuzzCase.columns)
            let writer = try ParquetFileWriter(schema: schema, options: fuzzCase.options,
                                               keyValueMetadata: [("fuzz", "1")], sink: sink)
            let encoder = RowGroupEncoder(schema: schema, options: fuzzCase.options)
            for rowGroup in fuzzCase.rowGroups {
                for page in rowGroup {
                    let buffers = zip(fuzzCase.columns, page).map { ColumnBuffers(column: $0, values: $1) }
                    try withExtendedLifetime(buffers) {
                        try encoder.append(rowCount: page.first?.count ?? 0, columns: buffers.map(\.data))
                    }
                }
                try writer.append(try encoder.finish())
            }
            _ = try writer.close()
        } catch {
            fatalError("the writer refused a valid input: \(error)")
        }
        let file = sink.bytes
        do {
            let trailer = Array(file.suffix(ParquetFooter.trailerBytes))
            let length = try ParquetFooter.footerLength(trailer: trailer, fileSize: file.count)
            let footer = try ParquetFooter(footer: Array(file[(file.count - 8 - length)..<(file.count - 8)]))
            precondition(footer.rows == Int64(fuzzCase.rowCount), "footer rows \(footer.rows), wrote \(fuzzCase.rowCount)")
            precondition(footer.rowGroups == fuzzCase.rowGroups.count, "footer row groups differ")
        } catch {
            fatalError("the footer does not read back: \(error)")
        }
        if let outputDirectory { save(fuzzCase, file: file, in: outputDirectory) }
    }

    /// `<digest>.parquet` and `<digest>.json`: {"columns": [{"name", "type", "labels"}], "values": [[...], ...]}.
    static func save(_ fuzzCase: FuzzCase, file: [UInt8], in directory: String) {
        var hash: UInt64 = 0xcbf29ce484222325
        for b in file { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        let name = directory + "/" + String(hash, radix: 16)
        let columns: [[String: Any]] = fuzzCase.columns.map { column in
            var json: [String: Any] = ["name": column.name, "type": "\(column.type)"]
            if let labels = column.labels { json["labels"] = labels.map { String(decoding: $0, as: UTF8.self) } }
            return json
        }
        let values: [[Any]] = fuzzCase.columns.indices.map { c in
            fuzzCase.rowGroups.flatMap { $0.flatMap { page in page[c].map { json($0, fuzzCase.columns[c]) } } }
        }
        let expected = try! JSONSerialization.data(withJSONObject: ["columns": columns, "values": values])
        _ = FileManager.default.createFile(atPath: name + ".parquet", contents: Data(file))
        _ = FileManager.default.createFile(atPath: name + ".json", contents: expected)
    }

    /// Exact in JSON: 64-bit integers as strings, floats as hex bits.
    static func json(_ value: FuzzValue?, _ column: ParquetColumn) -> Any {
        guard let value else { return NSNull() }
        switch value {
        case .bool(let b): return b
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return String(v.bitPattern, radix: 16)
        case .double(let v): return String(v.bitPattern, radix: 16)
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .label(let index): return String(decoding: column.labels![Int(index)], as: UTF8.self)
        }
    }
}

final class MemorySink: ParquetSink {
    var bytes: [UInt8] = []
    func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
}

/// A page's values in the buffers the writer reads (the plugin ABI's layout).
final class ColumnBuffers {
    let values: UnsafeMutableRawPointer
    let validity: UnsafeMutablePointer<UInt8>?
    let offsets: UnsafeMutablePointer<UInt32>?
    let arena: UnsafeMutablePointer<UInt8>?

    init(column: ParquetColumn, values page: [FuzzValue?]) {
        let n = page.count
        validity = column.nullable ? .allocate(capacity: max(n, 1)) : nil
        for (row, value) in page.enumerated() { validity?[row] = value == nil ? 0 : 1 }
        values = .allocate(byteCount: max(n, 1) * 8, alignment: 8)
        values.initializeMemory(as: UInt8.self, repeating: 0, count: max(n, 1) * 8)
        var text: [UInt8] = []
        var ends: [UInt32] = [0]
        for (row, value) in page.enumerated() {
            switch value {
            case .bool(let b): values.storeBytes(of: b ? 1 : 0, toByteOffset: row, as: UInt8.self)
            case .int32(let v): values.storeBytes(of: v, toByteOffset: row * 4, as: Int32.self)
            case .int64(let v): values.storeBytes(of: v, toByteOffset: row * 8, as: Int64.self)
            case .float(let v): values.storeBytes(of: v, toByteOffset: row * 4, as: Float.self)
            case .double(let v): values.storeBytes(of: v, toByteOffset: row * 8, as: Double.self)
            case .label(let v): values.storeBytes(of: v, toByteOffset: row * 4, as: UInt32.self)
            case .bytes(let b): text += b
            case nil: if column.labels != nil { values.storeBytes(of: UInt32.max, toByteOffset: row * 4, as: UInt32.self) }
            }
            ends.append(UInt32(text.count))
        }
        if column.hasStringBytes {
            offsets = .allocate(capacity: ends.count)
            offsets!.initialize(from: ends, count: ends.count)
            arena = .allocate(capacity: max(text.count, 1))
            arena!.initialize(from: text, count: text.count)
        } else {
            offsets = nil
            arena = nil
        }
    }

    var data: ColumnData {
        ColumnData(values: offsets == nil ? UnsafeRawPointer(values) : nil, validity: validity.map { UnsafePointer($0) },
                   offsets: offsets.map { UnsafePointer($0) }, bytes: arena.map { UnsafePointer($0) })
    }

    deinit {
        values.deallocate()
        validity?.deallocate()
        offsets?.deallocate()
        arena?.deallocate()
    }
}
