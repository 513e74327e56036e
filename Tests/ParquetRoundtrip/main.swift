// Test-only tool: reads a JSON test case and writes it as a Parquet file
// with LBParquet, so the pytest suite can check the file with real readers.
//
//   parquet-roundtrip CASE.json OUT.parquet [CASE.json OUT.parquet ...]
//
// Case format (values travel exactly):
//   {"columns": [{"name", "type", "nullable"}],   type: boolean int32 int64
//                                                  float double string
//                                                  timestamp date
//    a string column may also carry "labels": ["label", ...] (a labelled
//    column; its values are then label indices),
//    "codec": "none" | "snappy" | "zstd" | "lz4", "zstd_level": 3,
//    "dictionary_page_limit": N, "statistics_max_value_size": N,
//    "created_by": "...", "kv": [["key", "value"]],
//    "row_groups": [[{"rows": n, "columns": [[v, ...], ...]}, ...], ...]}
// Each inner object is one `append` (one page per column). null = null;
// booleans as JSON booleans; int32/date as JSON numbers; int64/timestamp as
// decimal strings; float/double as hex strings of their IEEE bits; strings
// as JSON strings; a labelled column's values as JSON numbers, indices into
// its labels, passed to the writer unchecked (a null row's index is
// UInt32.max, which the writer must ignore).
//
// On an error the tool prints one line on stderr, removes the file it was
// writing and exits 1; files of earlier pairs stay.
import Foundation
import LBParquet

final class FileSink: ParquetSink {
    let handle: UnsafeMutablePointer<FILE>

    init(path: String) throws {
        guard let handle = fopen(path, "wb") else { throw ToolError("cannot open \(path)") }
        self.handle = handle
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        if fwrite(bytes.baseAddress, 1, bytes.count, handle) != bytes.count { throw ToolError("short write") }
    }

    deinit { fclose(handle) }
}

struct ToolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func parseType(_ name: String) throws -> ParquetType {
    switch name {
    case "boolean": return .boolean
    case "int32": return .int32
    case "int64": return .int64
    case "float": return .float
    case "double": return .double
    case "string": return .string
    case "timestamp": return .timestampMicros
    case "date": return .date
    default: throw ToolError("unknown type \(name)")
    }
}

/// Buffers for one column of one page, freed after the append.
final class ColumnBuffers {
    var values: UnsafeMutableRawPointer?
    var validity: UnsafeMutablePointer<UInt8>?
    var offsets: UnsafeMutablePointer<UInt32>?
    var bytes: UnsafeMutablePointer<UInt8>?

    init(column: ParquetColumn, json: [Any]) throws {
        let n = json.count
        if column.nullable {
            validity = .allocate(capacity: max(n, 1))
            for (i, v) in json.enumerated() { validity![i] = v is NSNull ? 0 : 1 }
        }
        func fixed<T>(_: T.Type, _ convert: (Any) throws -> T, zero: T) rethrows {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(n, 1))
            for (i, v) in json.enumerated() { p[i] = v is NSNull ? zero : try convert(v) }
            values = UnsafeMutableRawPointer(p)
        }
        if column.labels != nil {
            try fixed(UInt32.self, { v in
                guard let x = v as? NSNumber, let index = UInt32(exactly: x.doubleValue) else {
                    throw ToolError("bad label index \(v) in column \(column.name)")
                }
                return index
            }, zero: UInt32.max)
            return
        }
        switch column.type {
        case .boolean:
            try fixed(UInt8.self, { v in
                guard let b = v as? Bool else { throw ToolError("bad bool \(v)") }
                return b ? 1 : 0
            }, zero: 0)
        case .int32, .date:
            try fixed(Int32.self, { v in
                guard let x = v as? NSNumber else { throw ToolError("bad int32 \(v)") }
                return x.int32Value
            }, zero: 0)
        case .int64, .timestampMicros:
            try fixed(Int64.self, { v in
                guard let s = v as? String, let x = Int64(s) else { throw ToolError("bad int64 \(v)") }
                return x
            }, zero: 0)
        case .float:
            try fixed(Float.self, { v in
                guard let s = v as? String, let bits = UInt32(s, radix: 16) else { throw ToolError("bad float \(v)") }
                return Float(bitPattern: bits)
            }, zero: 0)
        case .double:
            try fixed(Double.self, { v in
                guard let s = v as? String, let bits = UInt64(s, radix: 16) else { throw ToolError("bad double \(v)") }
                return Double(bitPattern: bits)
            }, zero: 0)
        case .string:
            var arena: [UInt8] = []
            let o = UnsafeMutablePointer<UInt32>.allocate(capacity: n + 1)
            o[0] = 0
            for (i, v) in json.enumerated() {
                if let s = v as? String { arena.append(contentsOf: Array(s.utf8)) }
                else if !(v is NSNull) { throw ToolError("bad string \(v)") }
                o[i + 1] = UInt32(arena.count)
            }
            offsets = o
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: max(arena.count, 1))
            b.initialize(from: arena, count: arena.count)
            bytes = b
        }
    }

    var data: ColumnData {
        ColumnData(values: values.map { UnsafeRawPointer($0) }, validity: validity.map { UnsafePointer($0) },
                   offsets: offsets.map { UnsafePointer($0) }, bytes: bytes.map { UnsafePointer($0) })
    }

    deinit {
        values?.deallocate()
        validity?.deallocate()
        offsets?.deallocate()
        bytes?.deallocate()
    }
}

func run(casePath: String, outPath: String) throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: casePath))
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ToolError("not an object") }
    let columnsJSON = root["columns"] as? [[String: Any]] ?? []
    let columns = try columnsJSON.map { json -> ParquetColumn in
        let name = json["name"] as! String
        let type = try parseType(json["type"] as! String)
        var labels: [[UInt8]]?
        if let labelsJSON = json["labels"] {
            guard type == .string, let strings = labelsJSON as? [String] else {
                throw ToolError("column \(name): labels must be a list of strings on a string column")
            }
            labels = strings.map { Array($0.utf8) }
        }
        return ParquetColumn(name: name, type: type, nullable: json["nullable"] as! Bool, labels: labels)
    }
    let schema = ParquetSchema(columns: columns)
    let compression: Compression
    switch root["codec"] as? String ?? "snappy" {
    case "none": compression = .none
    case "snappy": compression = .snappy
    case "zstd": compression = .zstd(level: Int32((root["zstd_level"] as? NSNumber)?.intValue ?? 3))
    case "lz4": compression = .lz4Raw
    case let other: throw ToolError("unknown codec \(other)")
    }
    var options = WriterOptions(compression: compression, createdBy: root["created_by"] as? String ?? "lb-datagen version 0.0.0-test")
    if let limit = root["dictionary_page_limit"] as? NSNumber { options.dictionaryPageLimit = limit.intValue }
    if let size = root["statistics_max_value_size"] as? NSNumber { options.statisticsMaxValueSize = size.intValue }
    let kv = (root["kv"] as? [[String]] ?? []).map { (key: $0[0], value: $0[1]) }

    let sink = try FileSink(path: outPath)
    do {
        try write(root: root, schema: schema, options: options, kv: kv, sink: sink)
    } catch {
        // No partial file: a reader must not mistake it for the case's output.
        unlink(outPath)
        throw error
    }
}

func write(
    root: [String: Any], schema: ParquetSchema, options: WriterOptions,
    kv: [(key: String, value: String)], sink: FileSink
) throws {
    let columns = schema.columns
    let writer = try ParquetFileWriter(schema: schema, options: options, keyValueMetadata: kv, sink: sink)
    let encoder = RowGroupEncoder(schema: schema, options: options)
    for rowGroup in root["row_groups"] as? [[[String: Any]]] ?? [] {
        for page in rowGroup {
            let rows = (page["rows"] as! NSNumber).intValue
            let values = page["columns"] as! [[Any]]
            let buffers = try zip(columns, values).map {
                try ColumnBuffers(column: $0, json: $1)
            }
            // The views borrow the buffers' memory: keep them alive through the append.
            try withExtendedLifetime(buffers) {
                try encoder.append(rowCount: rows, columns: buffers.map(\.data))
            }
        }
        try writer.append(try encoder.finish())
    }
    _ = try writer.close()
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, arguments.count % 2 == 0 else {
    FileHandle.standardError.write("usage: parquet-roundtrip CASE.json OUT.parquet [CASE.json OUT.parquet ...]\n".data(using: .utf8)!)
    exit(2)
}
do {
    for i in stride(from: 0, to: arguments.count, by: 2) {
        try run(casePath: arguments[i], outPath: arguments[i + 1])
    }
} catch {
    FileHandle.standardError.write("parquet-roundtrip: \(error)\n".data(using: .utf8)!)
    exit(1)
}
