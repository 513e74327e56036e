import Foundation
import FuzzSupport
import LBParquet

/// A Parquet writer input made from fuzz bytes: a schema (1–4 columns of
/// every type, nullable or not, labelled strings), values with nulls, a
/// codec, dictionary and statistics limits, and row groups of several pages
/// of 0–63 rows each. The bytes are read in order; past their end every
/// read is zero, so any input makes a case.
struct FuzzCase {
    static let types: [ParquetType] = [.boolean, .int32, .int64, .float, .double, .string, .timestampMicros, .date]

    var columns: [ParquetColumn] = []
    var options = WriterOptions(createdBy: "lb-datagen fuzz")
    /// rowGroups[g][p][c]: the values of column c in page p of row group g (nil = null).
    var rowGroups: [[[[FuzzValue?]]]] = []

    init(_ bytes: UnsafeRawBufferPointer) {
        var input = FuzzBytes(bytes)
        let columnCount = 1 + Int(input.byte() % 4)
        for index in 0..<columnCount {
            let choice = input.byte()
            let type = Self.types[Int(choice % 8)]
            let nullable = choice & 0x10 != 0
            var labels: [[UInt8]]?
            if type == .string && choice & 0x20 != 0 {
                labels = (0..<(1 + Int(input.byte() % 5))).map { Array("label-\($0)".utf8) }
            }
            columns.append(ParquetColumn(name: "c\(index)", type: type, nullable: nullable, labels: labels))
        }
        let settings = input.byte()
        options.compression = [Compression.none, .snappy, .zstd(level: 1), .lz4Raw][Int(settings % 4)]
        if settings & 0x04 != 0 { options.dictionaryPageLimit = 16 + Int(input.byte()) }
        if settings & 0x08 != 0 { options.statisticsMaxValueSize = Int(input.byte() % 8) }
        for _ in 0..<(1 + Int(input.byte() % 3)) {
            var pages: [[[FuzzValue?]]] = []
            for _ in 0..<(1 + Int(input.byte() % 3)) {
                let rows = Int(input.byte() % 64)
                pages.append(columns.map { column in (0..<rows).map { _ in input.value(for: column) } })
            }
            rowGroups.append(pages)
        }
    }

    var rowCount: Int { rowGroups.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.first?.count ?? 0) } } }
}

/// One value as the writer takes it.
enum FuzzValue {
    case bool(Bool), int32(Int32), int64(Int64), float(Float), double(Double), bytes([UInt8]), label(UInt32)
}

extension FuzzBytes {
    mutating func integer(_ width: Int) -> UInt64 {
        (0..<width).reduce(0) { value, shift in value | UInt64(byte()) << (8 * UInt64(shift)) }
    }

    /// Small values often (dictionaries, runs), any bit pattern sometimes.
    mutating func value(for column: ParquetColumn) -> FuzzValue? {
        let head = byte()
        if column.nullable && head & 0x80 != 0 { return nil }
        let wide = head & 0x40 != 0
        if let labels = column.labels { return .label(UInt32(head & 0x3f) % UInt32(labels.count)) }
        switch column.type {
        case .boolean: return .bool(head & 1 == 1)
        case .int32, .date: return .int32(wide ? Int32(truncatingIfNeeded: integer(4)) : Int32(head & 0x0f) - 4)
        case .int64, .timestampMicros: return .int64(wide ? Int64(bitPattern: integer(8)) : Int64(head & 0x0f) - 4)
        case .float: return .float(wide ? Float(bitPattern: UInt32(truncatingIfNeeded: integer(4))) : Float(head & 0x0f) / 2)
        case .double: return .double(wide ? Double(bitPattern: integer(8)) : Double(head & 0x0f) / 2)
        case .string:
            // Valid UTF-8 (readers check it): ASCII letters and a two-byte letter.
            let length = Int(head & 0x0f)
            var text: [UInt8] = []
            for _ in 0..<length {
                let b = byte()
                if b & 0x80 != 0 { text += [0xC3, 0xA9] } else { text.append(UInt8(ascii: "a") + b % 26) }
            }
            return .bytes(text)
        }
    }
}
