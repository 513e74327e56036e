import Foundation
import LBHost
import XCTest

final class LocalObjectStoreTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "/store-\(UUID().uuidString)"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ upload: ObjectUpload, _ text: String) throws {
        try Array(text.utf8).withUnsafeBytes { try upload.write($0) }
    }

    func testObjectAppearsOnlyOnCommit() throws {
        let store = LocalObjectStore(root: root)
        try store.preflight()
        let upload = try store.create(key: "p/part-000000.parquet")
        try write(upload, "hello ")
        try write(upload, "world")
        XCTAssertEqual(try store.list(prefix: "p"), [], "nothing under the final key while writing")
        try upload.commit()
        XCTAssertEqual(try store.list(prefix: "p"), ["p/part-000000.parquet"])
        XCTAssertEqual(try String(contentsOfFile: root + "/p/part-000000.parquet", encoding: .utf8), "hello world")
    }

    func testAbortLeavesNothing() throws {
        let store = LocalObjectStore(root: "file://" + root)
        try store.preflight()
        let upload = try store.create(key: "p/part-000001.parquet")
        try write(upload, "half")
        upload.abort()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/p"), [])
    }

    func testLeftoversAreRemovedOnlyForTheGivenKeys() throws {
        let store = LocalObjectStore(root: root)
        try store.preflight()
        let mine = try store.create(key: "p/part-000000.parquet")
        let theirs = try store.create(key: "p/part-000001.parquet")
        try write(mine, "a")
        try write(theirs, "b")
        XCTAssertEqual(try store.removeLeftovers(prefix: "p") { $0 == "p/part-000000.parquet" }, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/p").count, 1)
        try theirs.commit()
        XCTAssertEqual(try store.list(prefix: "p"), ["p/part-000001.parquet"])
    }

    func testTwoWritersOfOneKeyNeverShareATemporary() throws {
        let store = LocalObjectStore(root: root)
        try store.preflight()
        let first = try store.create(key: "p/part-000000.parquet")
        let second = try store.create(key: "p/part-000000.parquet")
        try write(first, "first whole file")
        try write(second, "second, interleaved")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/p").count, 2)
        try first.commit()
        XCTAssertEqual(try String(contentsOfFile: root + "/p/part-000000.parquet", encoding: .utf8), "first whole file")
        second.abort()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/p"), ["part-000000.parquet"])
    }

    func testPreflightRejectsAnUnwritableRoot() {
        let store = LocalObjectStore(root: "/proc/lb-datagen-cannot-be-here")
        XCTAssertThrowsError(try store.preflight()) { XCTAssert("\($0)".contains("/proc/lb-datagen-cannot-be-here")) }
    }
}
