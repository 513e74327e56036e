import XCTest
@testable import LBParquet

/// PLAIN strings against a straightforward encoding, and their min and max
/// against a sort, on values that share prefixes, hold zero bytes and end
/// near the end of the written bytes.
final class PlainEncoderTests: XCTestCase {
    func testStringsMatchAPlainEncodingAndASort() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0xFF]
        for _ in 0..<300 {
            let count = Int.random(in: 1...200, using: &rng)
            let values: [[UInt8]] = (0..<count).map { _ in
                (0..<Int.random(in: 0...70, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            }
            let validity: [UInt8]? = Bool.random(using: &rng) ? nil : (0..<count).map { _ in UInt8.random(in: 0...1, using: &rng) }
            var offsets: [UInt32] = [0]
            for value in values { offsets.append(offsets.last! + UInt32(value.count)) }
            let bytes: [UInt8] = values.flatMap { $0 } + [0]  // never empty, for the pointer

            let out = ByteBuffer()
            let found = offsets.withUnsafeBufferPointer { (o: UnsafeBufferPointer<UInt32>) -> (present: Int, minRow: Int, maxRow: Int) in
                bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) -> (present: Int, minRow: Int, maxRow: Int) in
                    let levels = validity ?? []
                    return levels.withUnsafeBufferPointer { (v: UnsafeBufferPointer<UInt8>) -> (present: Int, minRow: Int, maxRow: Int) in
                        PlainEncoder.strings(offsets: o.baseAddress!, bytes: b.baseAddress!, validity: validity == nil ? nil : v.baseAddress,
                                             count: count, into: out)
                    }
                }
            }

            let present = (0..<count).filter { validity == nil || validity![$0] == 1 }
            var expected: [UInt8] = []
            for row in present {
                withUnsafeBytes(of: UInt32(values[row].count).littleEndian) { expected.append(contentsOf: $0) }
                expected.append(contentsOf: values[row])
            }
            XCTAssertEqual(out.toArray(), expected)
            XCTAssertEqual(found.present, present.count)
            guard !present.isEmpty else { continue }
            let sorted = present.map { values[$0] }.sorted { $0.lexicographicallyPrecedes($1) }
            XCTAssertEqual(values[found.minRow], sorted.first)
            XCTAssertEqual(values[found.maxRow], sorted.last)
        }
    }
}
