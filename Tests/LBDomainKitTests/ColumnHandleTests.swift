import CLBDomain
@testable import LBDomainKit
import XCTest

/// A domain whose `init` resolves the column a test names, as the type the
/// test names: the way a real domain resolves its handles at open.
private struct Probe: Domain {
    static let name = "probe"
    static let version = "1"
    static let summary = "columns of every kind"
    static let defaultPrefix = "probe"
    static let columns: [ColumnSpec] = [
        ColumnSpec("reading_id", .int64),
        ColumnSpec("sensor", .string),
        ColumnSpec("room", .category),
        ColumnSpec("taken_at", .timestampMicros),
        ColumnSpec("celsius", .double, nullable: true),
        ColumnSpec("day", .date),
        ColumnSpec("ok", .boolean),
    ]
    static let parameters = [ParameterSpec("ask", default: "celsius:Double", "column:type to resolve")]

    init(parameters: Parameters, seed: UInt64) throws {
        let ask = try parameters.string("ask").split(separator: ":").map(String.init)
        switch ask[1] {
        case "Double": _ = try Self.fixedColumn(ask[0], as: Double.self)
        case "Float": _ = try Self.fixedColumn(ask[0], as: Float.self)
        case "Int64": _ = try Self.fixedColumn(ask[0], as: Int64.self)
        case "string": _ = try Self.stringColumn(ask[0])
        default: _ = try Self.categoryColumn(ask[0])
        }
    }

    func fill(_ batch: Batch) throws {}
}

final class ColumnHandleTests: XCTestCase {
    /// The kit's `ColumnType` is the header's `lb_type`, value for value,
    /// with every header type covered and the header's element widths.
    func testColumnTypeIsTheHeadersType() {
        let header: [(lb_type, Int?)] = [
            (LB_TYPE_BOOLEAN, MemoryLayout<UInt8>.size), (LB_TYPE_INT32, MemoryLayout<Int32>.size),
            (LB_TYPE_INT64, MemoryLayout<Int64>.size), (LB_TYPE_FLOAT, MemoryLayout<Float>.size),
            (LB_TYPE_DOUBLE, MemoryLayout<Double>.size), (LB_TYPE_STRING, nil),
            (LB_TYPE_TIMESTAMP_MICROS, MemoryLayout<Int64>.size), (LB_TYPE_DATE, MemoryLayout<Int32>.size),
            (LB_TYPE_CATEGORY, MemoryLayout<UInt32>.size),
        ]
        XCTAssertEqual(ColumnType.allCases.count, header.count)
        for (abiType, width) in header {
            let type = ColumnType(rawValue: abiType.rawValue)
            XCTAssertNotNil(type, "lb_type \(abiType.rawValue) has no ColumnType")
            XCTAssertEqual(type?.abiType, abiType)
            XCTAssertEqual(type?.elementWidth, width, "width of \(String(describing: type))")
        }
        for type in ColumnType.allCases {
            XCTAssertEqual(type.rawValue, type.abiType.rawValue, "\(type)")
        }
    }

    func testHandlesResolveByNameToTheDeclaredPosition() throws {
        XCTAssertEqual(try Probe.fixedColumn("reading_id", as: Int64.self).index, 0)
        XCTAssertEqual(try Probe.stringColumn("sensor").index, 1)
        XCTAssertEqual(try Probe.categoryColumn("room").index, 2)
        XCTAssertEqual(try Probe.fixedColumn("taken_at", as: Int64.self).index, 3)
        XCTAssertEqual(try Probe.fixedColumn("celsius", as: Double.self).index, 4)
        XCTAssertEqual(try Probe.fixedColumn("day", as: Int32.self).index, 5)
        XCTAssertEqual(try Probe.fixedColumn("ok", as: Bool.self).index, 6)
        XCTAssertEqual(try Probe.fixedColumn("ok", as: UInt8.self).name, "ok")
    }

    func testWrongTypeOrNameIsRefusedNamingTheColumn() {
        func refusal(_ body: () throws -> Any) -> ColumnLookupError? {
            do { _ = try body() } catch { return error as? ColumnLookupError }
            return nil
        }
        XCTAssertEqual(refusal { try Probe.fixedColumn("celsius", as: Float.self) },
                       .wrongType(column: "celsius", declared: .double, asked: "Float"))
        XCTAssertEqual(refusal { try Probe.fixedColumn("celsius", as: Int64.self) },  // same width, other type
                       .wrongType(column: "celsius", declared: .double, asked: "Int64"))
        XCTAssertEqual(refusal { try Probe.fixedColumn("day", as: Int64.self) },
                       .wrongType(column: "day", declared: .date, asked: "Int64"))
        XCTAssertEqual(refusal { try Probe.fixedColumn("sensor", as: Int64.self) },
                       .wrongType(column: "sensor", declared: .string, asked: "Int64"))
        XCTAssertEqual(refusal { try Probe.fixedColumn("room", as: Int32.self) },
                       .wrongType(column: "room", declared: .category, asked: "Int32"))
        XCTAssertEqual(refusal { try Probe.stringColumn("room") },
                       .wrongType(column: "room", declared: .category, asked: "string"))
        XCTAssertEqual(refusal { try Probe.categoryColumn("sensor") },
                       .wrongType(column: "sensor", declared: .string, asked: "category"))
        XCTAssertEqual(refusal { try Probe.fixedColumn("celcius", as: Double.self) }, .noSuchColumn("celcius"))
    }

    /// Through the ABI, as the host sees it: open fails with one line
    /// naming the column, in the error buffer.
    func testOpenFailsWithOneLineNamingTheColumn() throws {
        let descriptor = DomainExport.descriptor(for: DomainDeclaration(Probe.self))
        func open(_ ask: String) -> (state: UnsafeMutableRawPointer?, message: String) {
            var error = lb_error()
            let state = "ask".withCString { name in
                ask.withCString { value in
                    var parameter = lb_param(name: name, value: value)
                    return descriptor.pointee.open(descriptor, &parameter, 1, 42, &error)
                }
            }
            let message = withUnsafeBytes(of: &error.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return (state, message)
        }
        let refused = open("celsius:Float")
        XCTAssertNil(refused.state)
        XCTAssertEqual(refused.message, "column celsius is declared double: it cannot be read as Float")
        XCTAssertFalse(refused.message.contains("\n"))
        XCTAssertEqual(open("taken_at:string").message, "column taken_at is declared timestampMicros: it cannot be read as string")
        XCTAssertEqual(open("humidity:Double").message, "the schema declares no column humidity")

        let accepted = open("celsius:Double")
        XCTAssertNotNil(accepted.state)
        descriptor.pointee.close(accepted.state)
    }

    /// A handle reaches its own column's buffer in a batch the host laid out.
    func testBatchSubscriptsReachTheHandlesColumn() throws {
        let rows = 4
        var ids = [Int64](repeating: 0, count: rows), times = [Int64](repeating: 0, count: rows)
        var labels = [UInt32](repeating: 9, count: rows)
        var offsets = [UInt32](repeating: 0, count: rows + 1)
        var bytes = [UInt8](repeating: 0, count: 64)
        try ids.withUnsafeMutableBytes { first in
            try times.withUnsafeMutableBytes { second in
                try labels.withUnsafeMutableBytes { labelBytes in
                    try offsets.withUnsafeMutableBufferPointer { offsetBuffer in
                        try bytes.withUnsafeMutableBufferPointer { arena in
                            var columns = [lb_column](repeating: lb_column(), count: 4)
                            columns[0].values = first.baseAddress
                            columns[1].offsets = offsetBuffer.baseAddress
                            columns[1].bytes = arena.baseAddress
                            columns[1].bytes_capacity = arena.count
                            columns[2].values = labelBytes.baseAddress
                            columns[3].values = second.baseAddress
                            var host = lb_host_api(abi_version: LB_DOMAIN_ABI_VERSION, reserve_bytes: { _, _ in LB_STATUS_FAILED })
                            try columns.withUnsafeMutableBufferPointer { columnBuffer in
                                var raw = lb_batch()
                                raw.row_count = UInt64(rows)
                                raw.columns = columnBuffer.baseAddress
                                raw.column_count = 4
                                try withUnsafePointer(to: &host) { hostPointer in
                                    raw.host = hostPointer
                                    let batch = Batch(&raw)
                                    let readingID = batch[try Probe.fixedColumn("reading_id", as: Int64.self)]
                                    let takenAt = batch[try Probe.fixedColumn("taken_at", as: Int64.self)]
                                    let room = batch[try Probe.categoryColumn("room")]
                                    var sensor = batch[try Probe.stringColumn("sensor")]
                                    for row in 0..<rows {
                                        readingID[row] = Int64(row)
                                        takenAt[row] = 1000 + Int64(row)
                                        room[row] = UInt32(row % 2)
                                        sensor.append(maxLength: 2) { $0[0] = 115; $0[1] = 48 + UInt8(row); return 2 }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(ids, [0, 1, 2, 3])
        XCTAssertEqual(times, [1000, 1001, 1002, 1003])
        XCTAssertEqual(labels, [0, 1, 0, 1])
        XCTAssertEqual(offsets, [0, 2, 4, 6, 8])
        XCTAssertEqual(String(decoding: bytes.prefix(8), as: UTF8.self), "s0s1s2s3")
    }
}
