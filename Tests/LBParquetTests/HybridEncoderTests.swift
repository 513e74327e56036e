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

    private func encodeLevels(_ validity: [UInt8]) -> (bytes: [UInt8], present: Int) {
        let out = ByteBuffer()
        let present = validity.withUnsafeBufferPointer {
            HybridEncoder.encodeLevels($0.baseAddress!, count: validity.count, into: out)
        }
        return (out.toArray(), present)
    }

    func testLongRunIsRLE() {
        // 16 equal values (two uniform groups) and a tail of two: header = 18 << 1 = 0x24
        XCTAssertEqual(encode(Array(repeating: 1, count: 18), bitWidth: 1), [0x24, 0x01])
        // two-byte values for widths 9...16
        XCTAssertEqual(encode(Array(repeating: 0x1FF, count: 16), bitWidth: 9), [0x20, 0xFF, 0x01])
    }

    func testShortInputIsBitPacked() {
        // 1,0,1,1,0,0,0,1 LSB first = 0b1000_1101; header (1 group << 1) | 1
        XCTAssertEqual(encode([1, 0, 1, 1, 0, 0, 0, 1], bitWidth: 1), [0x03, 0x8D])
        // The spec's example: 0...7 at width 3
        XCTAssertEqual(encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3), [0x03, 0x88, 0xC6, 0xFA])
        // A partial group is zero-padded: 1,1,1 -> 0b0000_0111
        XCTAssertEqual(encode([1, 1, 1], bitWidth: 1), [0x03, 0x07])
        // One uniform group alone is not worth a run.
        XCTAssertEqual(encode(Array(repeating: 1, count: 8) + [0, 1, 0, 1, 0, 1, 0, 1], bitWidth: 1), [0x05, 0xFF, 0xAA])
    }

    func testRunsStartOnGroupBoundaries() {
        // 0,1,0,1,0,1,0,1 then twenty 1s: one packed group, then a run of
        // the remaining 20 (the last four are a partial group the run takes).
        XCTAssertEqual(encode([0, 1, 0, 1, 0, 1, 0, 1] + Array(repeating: 1, count: 20), bitWidth: 1), [0x03, 0xAA, 0x28, 0x01])
        // 0,1,0 then thirteen 1s: the 1s do not fill two whole groups of their own.
        XCTAssertEqual(encode([0, 1, 0] + Array(repeating: 1, count: 13), bitWidth: 1), [0x05, 0xFA, 0xFF])
        // A run between packed groups: packed, run of 16, packed tail.
        XCTAssertEqual(encode([0, 1, 0, 1, 0, 1, 0, 1] + Array(repeating: 0, count: 16) + [1, 1], bitWidth: 1),
                       [0x03, 0xAA, 0x20, 0x00, 0x03, 0x03])
    }

    func testWidthZero() {
        XCTAssertEqual(encode([0, 0, 0], bitWidth: 0), [0x03])
        XCTAssertEqual(encode(Array(repeating: 0, count: 17), bitWidth: 0), [0x22])
    }

    func testDefinitionLevelsFromBytes() {
        XCTAssertEqual(encodeLevels([1, 1, 0, 1]).bytes, [0x03, 0x0B])
        XCTAssertEqual(encodeLevels([1, 1, 0, 1]).present, 3)
        // All present or all null: one run, whatever the length.
        XCTAssertEqual(encodeLevels(Array(repeating: 1, count: 5)).bytes, [0x0A, 0x01])
        XCTAssertEqual(encodeLevels(Array(repeating: 0, count: 9)).bytes, [0x12, 0x00])
        XCTAssertEqual(encodeLevels(Array(repeating: 0, count: 9)).present, 0)
        XCTAssertEqual(encodeLevels([]).bytes, [])
    }

    /// Levels agree with the general encoder's reading of the same values.
    func testRandomLevelsRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0...3000, using: &rng)
            var levels: [UInt8] = []
            while levels.count < count {
                let v = UInt8.random(in: 0...1, using: &rng)
                let repeats = Bool.random(using: &rng) ? Int.random(in: 1...60, using: &rng) : 1
                levels += Array(repeating: v, count: min(repeats, count - levels.count))
            }
            let (bytes, present) = encodeLevels(levels)
            XCTAssertEqual(present, levels.reduce(0) { $0 + Int($1) })
            XCTAssertEqual(Self.decode(bytes, bitWidth: 1, count: count), levels.map { UInt32($0) })
        }
    }

    /// Larger random inputs against a straightforward decoder.
    func testRandomRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        for bitWidth in [1, 2, 3, 7, 8, 13, 20, 32] {
            for _ in 0..<50 {
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
