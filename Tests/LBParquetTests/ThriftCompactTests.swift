import XCTest
@testable import LBParquet

/// Compact protocol bytes checked against values worked out by hand from the
/// Thrift compact protocol spec.
final class ThriftCompactTests: XCTestCase {
    private func varint(_ value: UInt64) -> [UInt8] {
        var w = CompactWriter()
        w.writeVarint(value)
        return w.bytes
    }

    func testVarint() {
        XCTAssertEqual(varint(0), [0x00])
        XCTAssertEqual(varint(1), [0x01])
        XCTAssertEqual(varint(127), [0x7F])
        XCTAssertEqual(varint(128), [0x80, 0x01])
        XCTAssertEqual(varint(300), [0xAC, 0x02])
        XCTAssertEqual(varint(UInt64.max), [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    func testZigzag() {
        XCTAssertEqual(CompactWriter.zigzag(0), 0)
        XCTAssertEqual(CompactWriter.zigzag(-1), 1)
        XCTAssertEqual(CompactWriter.zigzag(1), 2)
        XCTAssertEqual(CompactWriter.zigzag(-2), 3)
        XCTAssertEqual(CompactWriter.zigzag(2_147_483_647), 4_294_967_294)
        XCTAssertEqual(CompactWriter.zigzag(Int64.max), UInt64.max - 1)
        XCTAssertEqual(CompactWriter.zigzag(Int64.min), UInt64.max)
    }

    func testShortAndLongFieldHeaders() {
        var w = CompactWriter()
        w.field(1, i32: 2)  // delta 1, type i32 (5): 0x15; zigzag(2) = 4
        w.field(16, i32: -1)  // delta 15 still fits: 0xF5; zigzag(-1) = 1
        w.field(40, i64: 1)  // delta 24: long form 0x06, zigzag(40) = 80 = 0x50; value zigzag(1) = 2
        w.field(3, bool: true)  // backwards: long form 0x01, zigzag(3) = 6
        w.field(4, bool: false)  // delta 1, BOOLEAN_FALSE: 0x12
        XCTAssertEqual(w.bytes, [0x15, 0x04, 0xF5, 0x01, 0x06, 0x50, 0x02, 0x01, 0x06, 0x12])
    }

    func testBinaryAndLists() {
        var w = CompactWriter()
        w.field(4, string: "ab")  // 0x48, length 2, bytes
        w.fieldListHeader(5, .i32, count: 3)  // 0x19, then 0x35
        w.fieldListHeader(6, .structure, count: 20)  // 0x19, then 0xFC + varint 20
        XCTAssertEqual(w.bytes, [0x48, 0x02, 0x61, 0x62, 0x19, 0x35, 0x19, 0xFC, 0x14])
    }

    func testNestedStructRestoresFieldIds() {
        var w = CompactWriter()
        w.beginStruct()
        w.field(2, i32: 1)  // 0x25 0x02
        w.beginStructField(5)  // delta 3, struct: 0x3C
        w.field(1, i32: 0)  // inner ids restart: 0x15 0x00
        w.endStruct()  // 0x00
        w.field(6, i16: -3)  // delta from 5, i16 (4): 0x14, zigzag(-3) = 5
        w.emptyStructField(7)  // 0x1C 0x00
        w.endStruct()  // 0x00
        XCTAssertEqual(w.bytes, [0x25, 0x02, 0x3C, 0x15, 0x00, 0x00, 0x14, 0x05, 0x1C, 0x00, 0x00])
    }

    func testDataPageHeader() {
        var w = CompactWriter()
        PageHeader(kind: .data(numValues: 3, encoding: .plain), uncompressedSize: 10, compressedSize: 12)
            .encode(into: &w)
        XCTAssertEqual(w.bytes, [
            0x15, 0x00,  // type DATA_PAGE
            0x15, 0x14,  // uncompressed 10
            0x15, 0x18,  // compressed 12
            0x2C,  // field 5 DataPageHeader, delta 2
            0x15, 0x06,  // num_values 3
            0x15, 0x00,  // PLAIN
            0x15, 0x06,  // definition levels RLE
            0x15, 0x06,  // repetition levels RLE
            0x00, 0x00,
        ])
    }
}
