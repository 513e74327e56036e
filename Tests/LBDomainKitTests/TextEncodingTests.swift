import LBDomainKit
import XCTest

final class TextEncodingTests: XCTestCase {
    func write(_ capacity: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) -> String {
        var bytes = [UInt8](repeating: 0, count: capacity)
        let count = bytes.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        return String(decoding: bytes.prefix(count), as: UTF8.self)
    }

    func testDecimal() {
        XCTAssertEqual(write(20) { TextEncoding.writeDecimal(0, to: $0) }, "0")
        XCTAssertEqual(write(20) { TextEncoding.writeDecimal(999_998, to: $0) }, "999998")
        XCTAssertEqual(write(20) { TextEncoding.writeDecimal(UInt64.max, to: $0) }, "18446744073709551615")
        XCTAssertEqual(write(20) { TextEncoding.writeDecimal(42, digits: 5, to: $0); return 5 }, "00042")
        XCTAssertEqual(write(20) { TextEncoding.writeDecimal(123, digits: 3, to: $0); return 3 }, "123")
        for value in UInt64(0)..<100_000 {
            XCTAssertEqual(write(20) { TextEncoding.writeDecimal(value, to: $0) }, String(value))
        }
    }

    func testSmallDecimal() {
        for value in UInt64(0)..<1000 {
            XCTAssertEqual(write(4) { TextEncoding.writeSmallDecimal(value, to: $0) }, String(value))
        }
    }

    /// Short copies are inline word stores: every length, nothing written past it.
    func testWriteCopiesExactly() {
        let source = (0..<40).map { UInt8(65 + $0) }
        for length in 0...40 {
            var destination = [UInt8](repeating: 0xEE, count: 48)
            let written = source.withUnsafeBytes { from in
                destination.withUnsafeMutableBufferPointer {
                    TextEncoding.write(UnsafeRawBufferPointer(rebasing: from[0..<length]), to: $0.baseAddress!)
                }
            }
            XCTAssertEqual(written, length)
            XCTAssertEqual(Array(destination[0..<length]), Array(source[0..<length]))
            XCTAssertEqual(Array(destination[length...]), Array(repeating: 0xEE, count: 48 - length), "length \(length)")
        }
    }

    /// Every free digit of a UUID is random: each of the 30 free positions
    /// takes all 16 digits about equally, the variant digit each of 8, 9, a
    /// and b, and no two UUIDs repeat.
    func testUUIDDigitsAreUniform() {
        var random = RandomStream(seed: 11)
        let count = 32_000
        var seen = Set<String>()
        var digits = [[Int]](repeating: [Int](repeating: 0, count: 16), count: 36)
        for _ in 0..<count {
            let uuid = Array(write(36) { TextEncoding.writeUUID(to: $0, random: &random); return 36 }.utf8)
            seen.insert(String(decoding: uuid, as: UTF8.self))
            for (position, char) in uuid.enumerated() where ![8, 13, 18, 23].contains(position) {
                digits[position][Int(char <= 57 ? char - 48 : char - 87)] += 1
            }
        }
        XCTAssertEqual(seen.count, count)
        for position in 0..<36 where ![8, 13, 18, 23, 14, 19].contains(position) {
            for digit in 0..<16 {
                XCTAssertEqual(Double(digits[position][digit]) / Double(count), 1.0 / 16, accuracy: 0.006, "position \(position) digit \(digit)")
            }
        }
        XCTAssertEqual(digits[14][4], count, "version 4")
        for digit in 8..<12 {
            XCTAssertEqual(Double(digits[19][digit]) / Double(count), 0.25, accuracy: 0.01, "variant digit \(digit)")
        }
    }

    func testUUIDIsVersion4() {
        var random = RandomStream(seed: 7)
        for _ in 0..<1000 {
            let uuid = write(36) { TextEncoding.writeUUID(to: $0, random: &random); return 36 }
            let parts = uuid.split(separator: "-").map(String.init)
            XCTAssertEqual(parts.map(\.count), [8, 4, 4, 4, 12])
            XCTAssert(uuid.allSatisfy { "0123456789abcdef-".contains($0) })
            XCTAssertEqual(parts[2].first, "4")
            XCTAssert("89ab".contains(parts[3].first!))
        }
    }

    func testRandomHexLengthsAndAlphabet() {
        var random = RandomStream(seed: 8)
        for byteCount in [0, 1, 3, 8, 9, 32, 2048] {
            let hex = write(2 * byteCount + 16) {
                TextEncoding.writeRandomHex(byteCount: byteCount, to: $0, random: &random)
                return 2 * byteCount
            }
            XCTAssertEqual(hex.count, 2 * byteCount)
            XCTAssert(hex.allSatisfy { "0123456789abcdef".contains($0) })
        }
        let long = write(4096) { TextEncoding.writeRandomHex(byteCount: 2048, to: $0, random: &random); return 4096 }
        XCTAssertEqual(Set(long).count, 16, "every digit appears")
    }

    func testTextTable() {
        let table = TextTable(["", "a", "héllo"])
        XCTAssertEqual(table.count, 3)
        XCTAssertEqual(table.length(0), 0)
        XCTAssertEqual(Array(table.bytes(2)), Array("héllo".utf8))
        XCTAssertEqual(table.index(of: "a"), 1)
        XCTAssertNil(table.index(of: "b"))
    }
}
