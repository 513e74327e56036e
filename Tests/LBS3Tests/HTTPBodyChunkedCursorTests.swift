import XCTest
@testable import LBHTTP

/// A body framed as aws-chunked with its checksum in the trailer: the
/// length announced up front is the length sent, the framing decodes to
/// the body, the trailer holds the body's CRC, and a rewind sends it again.
final class HTTPBodyChunkedCursorTests: XCTestCase {
    private func drain(_ cursor: inout HTTPBody.ChunkedCursor, pieces: Int) -> [UInt8] {
        readToEnd(inPiecesOf: pieces) { cursor.read(into: $0, capacity: $1) }
    }

    /// The body back out of the framing, and the trailer's fields.
    private func decode(_ wire: [UInt8]) -> (body: [UInt8], trailer: [String: String]) {
        var body: [UInt8] = [], i = 0
        func line() -> String {
            let start = i
            while !(wire[i] == 13 && wire[i + 1] == 10) { i += 1 }
            defer { i += 2 }
            return String(decoding: wire[start..<i], as: UTF8.self)
        }
        while true {
            let size = Int(line(), radix: 16)!
            if size == 0 { break }
            body += wire[i..<i + size]
            i += size
            XCTAssertEqual(line(), "")
        }
        var trailer: [String: String] = [:]
        while case let field = line(), !field.isEmpty {
            let parts = field.split(separator: ":", maxSplits: 1).map(String.init)
            trailer[parts[0]] = parts[1]
        }
        XCTAssertEqual(i, wire.count, "bytes after the trailer")
        return (body, trailer)
    }

    func testFramingLengthTrailerAndRewind() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        data.withUnsafeBytes { whole in
            for (cuts, chunkSize) in [([], 65_536), ([1, 70_000], 65_536), ([0], 1000), ([99_999], 200_000), ([5], 7)] {
                let bounds = [0] + cuts + [whole.count]
                let body = HTTPBody(zip(bounds, bounds.dropFirst()).map { UnsafeRawBufferPointer(rebasing: whole[$0..<$1]) })
                for (algorithm, name, expected) in [
                    (RunningChecksum.Algorithm.crc32c, "x-amz-checksum-crc32c", Base64.string(Checksum.bigEndianBytes(Checksum.crc32c(whole)))),
                    (.crc64nvme, "x-amz-checksum-crc64nvme", Base64.string(Checksum.bigEndianBytes(Checksum.crc64nvme(whole)))),
                ] {
                    var cursor = HTTPBody.ChunkedCursor(body, trailer: HTTPTrailer(name: name, checksum: algorithm,
                                                                                   chunkSize: chunkSize))
                    XCTAssertNil(cursor.trailerValue)
                    let wire = drain(&cursor, pieces: 65_536)
                    XCTAssertEqual(wire.count, cursor.length, "\(cuts) \(chunkSize)")
                    let (decoded, trailer) = decode(wire)
                    XCTAssertTrue(decoded == data, "\(cuts) \(chunkSize)")
                    XCTAssertEqual(trailer, [name: expected])
                    XCTAssertEqual(cursor.trailerValue, expected)
                    XCTAssertFalse(cursor.seek(to: 1))
                    XCTAssertTrue(cursor.seek(to: 0))
                    XCTAssertEqual(drain(&cursor, pieces: 777), wire, "a rewind sends the same bytes")
                }
            }
        }
        var empty = HTTPBody.ChunkedCursor(HTTPBody([]), trailer: HTTPTrailer(name: "x-amz-checksum-crc32c", checksum: .crc32c))
        let wire = drain(&empty, pieces: 100)
        XCTAssertEqual(String(decoding: wire, as: UTF8.self), "0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n")
        XCTAssertEqual(wire.count, empty.length)
    }
}
