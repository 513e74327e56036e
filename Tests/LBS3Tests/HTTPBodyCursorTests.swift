import XCTest
@testable import LBHTTP

/// How libcurl reads a body in segments: pieces of any size, and a rewind
/// to any byte when it sends the request again.
final class HTTPBodyCursorTests: XCTestCase {
    func testReadsAcrossSegmentsAndSeeksAnywhere() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        data.withUnsafeBytes { whole in
            let body = HTTPBody([UnsafeRawBufferPointer(rebasing: whole[0..<1]), UnsafeRawBufferPointer(rebasing: whole[1..<400]),
                                 UnsafeRawBufferPointer(rebasing: whole[400..<400]), UnsafeRawBufferPointer(rebasing: whole[400..<1000])])
            XCTAssertEqual(body.segments.count, 3, "empty segments are dropped")
            var cursor = HTTPBody.Cursor(body)
            func readAll(in pieces: Int) -> [UInt8] {
                readToEnd(inPiecesOf: pieces) { cursor.read(into: $0, capacity: $1) }
            }
            for pieces in [1, 3, 399, 400, 4096] {
                XCTAssertTrue(cursor.seek(to: 0))
                XCTAssertEqual(readAll(in: pieces), data, "pieces of \(pieces)")
                XCTAssertEqual(cursor.position, 1000)
            }
            for offset in [0, 1, 399, 400, 401, 999, 1000] {
                XCTAssertTrue(cursor.seek(to: offset))
                XCTAssertEqual(cursor.position, offset)
                XCTAssertEqual(readAll(in: 64), Array(data[offset...]), "from \(offset)")
            }
            XCTAssertFalse(cursor.seek(to: 1001))
            XCTAssertFalse(cursor.seek(to: -1))
        }
    }
}
