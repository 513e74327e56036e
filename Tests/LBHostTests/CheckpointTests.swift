import Foundation
@testable import LBHost
import XCTest

final class CheckpointTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "/checkpoint-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testRoundTripInTheReferenceFormat() throws {
        let path = directory + "/c.json"
        var checkpoint = Checkpoint(path: path, run: ["prefix": "a"])
        try checkpoint.markCompleted(3)
        try checkpoint.markCompleted(1)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        XCTAssertEqual(object["completed"] as? [Int], [1, 3])
        XCTAssertNotNil(object["updated"] as? String)
        XCTAssertEqual(try Checkpoint.load(path: path, run: ["prefix": "a"]).completed, [1, 3])
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".tmp"), "written through a renamed temporary")
    }

    func testMissingIsEmptyCorruptOrForeignIsAnError() throws {
        XCTAssertEqual(try Checkpoint.load(path: directory + "/none.json", run: [:]).completed, [])
        let corrupt = directory + "/corrupt.json"
        try "{\"completed\": [1,".write(toFile: corrupt, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Checkpoint.load(path: corrupt, run: [:])) {
            XCTAssert("\($0)".contains("not valid JSON"))
        }
        let foreign = directory + "/foreign.json"
        try Checkpoint(path: foreign, run: ["prefix": "a", "seed": "1"], completed: [0]).save()
        XCTAssertThrowsError(try Checkpoint.load(path: foreign, run: ["prefix": "b", "seed": "1"])) {
            XCTAssert("\($0)".contains("belongs to another run (prefix differ)"))
        }
    }

    func testTheReferencesOwnCheckpointIsAccepted() throws {
        let path = directory + "/reference.json"
        try "{\"completed\": [0, 2], \"updated\": \"2025-01-01T00:00:00\"}".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try Checkpoint.load(path: path, run: ["prefix": "x"]).completed, [0, 2])
    }
}
