import CLBDomain
import Foundation
import LBHost
import LBParquet

/// Feeds a fuzz plugin's batches through the host's own path (the domain
/// opened by `DomainInstance`, batches filled, checked and encoded by
/// `RowGroupProducer`) into a Parquet file in memory. Every input must end
/// one of two ways: the host refuses it with a `HostError` saying what the
/// plugin broke (the first breach, the way the case predicts), or it takes
/// it and the file's footer holds every row. With LB_FUZZ_OUT set, each
/// file taken is saved beside the values the plugin wrote, for pyarrow to
/// read back (scripts/fuzz_check.py).
enum BatchFuzz {
    static let outputDirectory = ProcessInfo.processInfo.environment["LB_FUZZ_OUT"]
    nonisolated(unsafe) static var tally = Tally()

    static func run(_ bytes: UnsafeRawBufferPointer) {
        let plugin = FuzzPlugin(BatchCase(bytes))
        let descriptor = FuzzDescriptor(plugin: plugin)
        withExtendedLifetime((plugin, descriptor)) { check(plugin, descriptor) }
    }

    private static func check(_ plugin: FuzzPlugin, _ descriptor: FuzzDescriptor) {
        let fuzzCase = plugin.fuzzCase
        let info: DomainInfo
        do {
            info = try DomainInfo(descriptor: descriptor.pointer, library: "fuzz")
        } catch {
            fatalError("the fuzz descriptor was refused: \(error)")
        }
        let domain: DomainInstance
        do {
            domain = try DomainInstance(info: info, overrides: [:], seed: 1)
        } catch let error as HostError {
            guard let expected = fuzzCase.labelProblem, error.description.contains(expected) else {
                fatalError("open refused (\(error)); expected \(fuzzCase.labelProblem ?? "acceptance")")
            }
            tally.refused["labels", default: 0] += 1
            return
        } catch {
            fatalError("open failed with something other than a HostError: \(error)")
        }
        if let expected = fuzzCase.labelProblem { fatalError("open accepted labels where \(expected)") }

        let total = fuzzCase.rowGroups.reduce(0, +)
        var options = WriterOptions(createdBy: "lb-datagen fuzz")
        options.compression = [Compression.none, .snappy, .zstd(level: 1), .lz4Raw][Int(fuzzCase.codec)]
        let layout = RowLayout(rowsPerFile: total, rowsPerRowGroup: fuzzCase.rowGroups.max()!,
                               rowsPerBatch: fuzzCase.rowsPerBatch, bytesPerRow: 1)
        let producer = RowGroupProducer(domain: domain, layout: layout, options: options,
                                        stringBytesPerRow: Array(repeating: 0, count: fuzzCase.columns.count))
        let sink = MemorySink()
        do {
            let writer = try ParquetFileWriter(schema: domain.schema, options: options, keyValueMetadata: [], sink: sink)
            var firstRow = 0
            for rows in fuzzCase.rowGroups {
                try writer.append(producer.produce(fileID: 0, rowsInFile: total, firstRow: firstRow, rowCount: rows))
                firstRow += rows
            }
            _ = try writer.close()
        } catch let error as HostError {
            // The host stops at the first breach: the last fill's.
            guard let problem = plugin.fills.last?.problem, error.description.contains(problem),
                  plugin.fills.dropLast().allSatisfy({ $0.problem == nil }) else {
                fatalError("refused (\(error)); the plugin's fills: \(plugin.fills.map { $0.problem ?? "fine" })")
            }
            let words = problem.split(separator: " ")
            let reason = (words.first == "column" ? words.dropFirst(2) : words[...]).joined(separator: " ")
            tally.refused[reason, default: 0] += 1
            return
        } catch {
            fatalError("a breach reached the writer or the writer refused a valid batch: \(error)")
        }
        if let breach = plugin.fills.first(where: { $0.problem != nil }) {
            fatalError("the host took a batch where \(breach.problem!)")
        }
        let file = sink.bytes
        do {
            let trailer = Array(file.suffix(ParquetFooter.trailerBytes))
            let length = try ParquetFooter.footerLength(trailer: trailer, fileSize: file.count)
            let footer = try ParquetFooter(footer: Array(file[(file.count - 8 - length)..<(file.count - 8)]))
            precondition(footer.rows == Int64(total), "footer rows \(footer.rows), wrote \(total)")
            precondition(footer.rowGroups == fuzzCase.rowGroups.count, "footer row groups differ")
        } catch {
            fatalError("the footer does not read back: \(error)")
        }
        tally.accepted += 1
        if let outputDirectory { save(fuzzCase, plugin.fills, file: file, in: outputDirectory) }
    }

    /// `<digest>.parquet` and `<digest>.json`, as scripts/fuzz_check.py reads them.
    static func save(_ fuzzCase: BatchCase, _ fills: [FillRecord], file: [UInt8], in directory: String) {
        var hash: UInt64 = 0xcbf29ce484222325
        for b in file { hash = (hash ^ UInt64(b)) &* 0x100000001b3 }
        let name = directory + "/" + String(hash, radix: 16)
        let columns: [[String: Any]] = fuzzCase.columns.map { column in
            var json: [String: Any] = ["name": column.name, "type": jsonType(column.type)]
            if let labels = column.labels { json["labels"] = labels.map { String(decoding: $0!, as: UTF8.self) } }
            return json
        }
        let values: [[Any]] = fuzzCase.columns.indices.map { c in fills.flatMap { $0.columns[c].map(json) } }
        let expected = try! JSONSerialization.data(withJSONObject: ["columns": columns, "values": values])
        _ = FileManager.default.createFile(atPath: name + ".parquet", contents: Data(file))
        _ = FileManager.default.createFile(atPath: name + ".json", contents: expected)
    }

    static func jsonType(_ type: lb_type) -> String {
        switch type {
        case LB_TYPE_BOOLEAN: "boolean"
        case LB_TYPE_INT32: "int32"
        case LB_TYPE_INT64: "int64"
        case LB_TYPE_FLOAT: "float"
        case LB_TYPE_DOUBLE: "double"
        case LB_TYPE_TIMESTAMP_MICROS: "timestampMicros"
        case LB_TYPE_DATE: "date"
        default: "string"
        }
    }

    /// Exact in JSON: integers as strings, floats as hex bits.
    static func json(_ value: WrittenValue) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let b): b
        case .int(let v): String(v)
        case .float(let bits): String(bits, radix: 16)
        case .double(let bits): String(bits, radix: 16)
        case .text(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// How many inputs the host took, and refused for which reason.
struct Tally {
    var accepted = 0
    var refused: [String: Int] = [:]

    var line: String {
        let reasons = refused.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: "; ")
        return "accepted \(accepted), refused \(refused.values.reduce(0, +))" + (reasons.isEmpty ? "" : ": \(reasons)")
    }
}

final class MemorySink: ParquetSink {
    var bytes: [UInt8] = []
    func write(_ buffer: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: buffer) }
}
