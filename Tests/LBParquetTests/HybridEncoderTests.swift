import XCTest
@testable import LBParquet

/// RLE / bit-packed hybrid bytes worked out by hand from the Parquet spec.
final class HybridEncoderTests: XCTestCase {
    private func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        let out = ByteBuffer()
        values.withUnsafeBufferPointer {
            HybridEncoder.encode($0.baseAddress!, count: values.count, bitWidth: bitWidth, into: out)
        }
        return out.toArray()
    }

    func testLongRunIsRLE() {
        // header = 10 << 1 = 0x14, value in one byte
        XCTAssertEqual(encode(Array(repeating: 1, count: 10), bitWidth: 1), [0x14, 0x01])
        // two-byte values for widths 9...16
        XCTAssertEqual(encode(Array(repeating: 0x1FF, count: 8), bitWidth: 9), [0x10, 0xFF, 0x01])
    }

    func testShortInputIsBitPacked() {
        // 1,0,1,1,0,0,0,1 LSB first = 0b1000_1101; header (1 group << 1) | 1
        XCTAssertEqual(encode([1, 0, 1, 1, 0, 0, 0, 1], bitWidth: 1), [0x03, 0x8D])
        // The spec's example: 0...7 at width 3
        XCTAssertEqual(encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3), [0x03, 0x88, 0xC6, 0xFA])
        // A partial group is zero-padded: 1,1,1 -> 0b0000_0111
        XCTAssertEqual(encode([1, 1, 1], bitWidth: 1), [0x03, 0x07])
    }

    func testLiteralsBorrowFromRunToFillGroup() {
        // 0,1,0 then thirteen 1s: five 1s complete the group (0b1111_1010),
        // the remaining eight form a run (8 << 1 = 0x10).
        XCTAssertEqual(encode([0, 1, 0] + Array(repeating: 1, count: 13), bitWidth: 1), [0x03, 0xFA, 0x10, 0x01])
        // Too short a run after borrowing stays packed: 0,1,0 + ten 1s = 13 values, 2 groups
        XCTAssertEqual(encode([0, 1, 0] + Array(repeating: 1, count: 10), bitWidth: 1), [0x05, 0xFA, 0x1F])
    }

    func testWidthZero() {
        XCTAssertEqual(encode([0, 0, 0], bitWidth: 0), [0x03])
        XCTAssertEqual(encode(Array(repeating: 0, count: 9), bitWidth: 0), [0x12])
    }

    func testDefinitionLevelsFromBytes() {
        let validity: [UInt8] = [1, 1, 0, 1]
        let out = ByteBuffer()
        validity.withUnsafeBufferPointer {
            HybridEncoder.encode($0.baseAddress!, count: 4, bitWidth: 1, into: out)
        }
        XCTAssertEqual(out.toArray(), [0x03, 0x0B])
    }

    /// Larger random inputs against a straightforward decoder.
    func testRandomRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        for bitWidth in [1, 2, 3, 7, 8, 13, 20, 32] {
            for _ in 0..<20 {
                let count = Int.random(in: 0...3000, using: &rng)
                let maxValue = bitWidth == 32 ? UInt32.max : UInt32(1) << UInt32(bitWidth) - 1
                var values: [UInt32] = []
                while values.count < count {
                    let v = UInt32.random(in: 0...maxValue, using: &rng)
                    let repeats = Bool.random(using: &rng) ? Int.random(in: 1...40, using: &rng) : 1
                    values += Array(repeating: v, count: min(repeats, count - values.count))
                }
                let encoded = encode(values, bitWidth: bitWidth)
                XCTAssertEqual(Self.decode(encoded, bitWidth: bitWidth, count: count), values)
            }
        }
    }

    static func decode(_ bytes: [UInt8], bitWidth: Int, count: Int) -> [UInt32] {
        var out: [UInt32] = []
        var i = 0
        func varint() -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = bytes[i]
                i += 1
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }
        while out.count < count {
            let header = varint()
            if header & 1 == 0 {
                var value: UInt32 = 0
                for k in 0..<((bitWidth + 7) / 8) {
                    value |= UInt32(bytes[i]) << UInt32(8 * k)
                    i += 1
                }
                out += Array(repeating: value, count: Int(header >> 1))
            } else {
                let n = Int(header >> 1) * 8
                var bit = 0
                for _ in 0..<n {
                    var value: UInt32 = 0
                    for b in 0..<bitWidth {
                        let at = bit + b
                        if bytes[i + at / 8] >> UInt8(at % 8) & 1 == 1 { value |= 1 << UInt32(b) }
                    }
                    bit += bitWidth
                    out.append(value)
                }
                i += n * bitWidth / 8
            }
        }
        return Array(out.prefix(count))
    }
}
