import XCTest
@testable import LBParquet
#if canImport(Glibc)
import Glibc
#endif

/// PLAIN strings against a straightforward encoding, and their min and max
/// against a sort, on values that share prefixes, hold zero bytes and end
/// near the end of the written bytes.
final class PlainEncoderTests: XCTestCase {
    func testStringsMatchAPlainEncodingAndASort() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0xFF]
        for round in 0..<600 {
            let count = Int.random(in: 1...200, using: &rng)
            // Half the rounds share a long common prefix, so values tie on
            // their first 8 bytes and min and max are settled past them.
            let prefix: [UInt8] = round % 2 == 0 ? [] : Array("customer-00".utf8.prefix(Int.random(in: 6...11, using: &rng)))
            let values: [[UInt8]] = (0..<count).map { _ in
                prefix + (0..<Int.random(in: 0...(prefix.isEmpty ? 70 : 4), using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
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

    func testMaxPastASharedPrefix() {
        for strings in [["aaaaaaaa1", "aaaaaaaa2"], ["customer-0001", "customer-0003", "customer-0002"]] {
            var offsets: [UInt32] = [0]
            for string in strings { offsets.append(offsets.last! + UInt32(string.utf8.count)) }
            let bytes = Array(strings.joined().utf8)
            let found = offsets.withUnsafeBufferPointer { o in
                bytes.withUnsafeBufferPointer { b in
                    PlainEncoder.strings(offsets: o.baseAddress!, bytes: b.baseAddress!, validity: nil, count: strings.count, into: ByteBuffer())
                }
            }
            XCTAssertEqual(strings[found.minRow], strings.min())
            XCTAssertEqual(strings[found.maxRow], strings.max())
        }
    }

    /// Values are read only within the written bytes: the bytes end right
    /// before a page no one may read, and every short or empty value there
    /// must still encode.
    func testReadsStayWithinTheWrittenBytes() {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let region = mmap(nil, 2 * pageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              region != MAP_FAILED else { return XCTFail("mmap failed") }
        defer { munmap(region, 2 * pageSize) }
        XCTAssertEqual(mprotect(region + pageSize, pageSize, PROT_NONE), 0)
        let text = Array("abcdefghij".utf8)
        for length in 0...text.count {
            let start = region + pageSize - length
            start.copyMemory(from: text, byteCount: length)
            // The value, then an empty one: both end at the guard page.
            let offsets: [UInt32] = [0, UInt32(length), UInt32(length)]
            let out = ByteBuffer()
            let found = offsets.withUnsafeBufferPointer {
                PlainEncoder.strings(offsets: $0.baseAddress!, bytes: start.assumingMemoryBound(to: UInt8.self), validity: nil, count: 2, into: out)
            }
            XCTAssertEqual(found.present, 2)
            XCTAssertEqual(out.toArray(), [UInt8(length), 0, 0, 0] + text.prefix(length) + [0, 0, 0, 0])
        }
    }
}
