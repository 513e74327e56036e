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
        try checkpoint.flush()
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        XCTAssertEqual(object["completed"] as? [Int], [1, 3])
        XCTAssertNotNil(object["updated"] as? String)
        XCTAssertEqual(try Checkpoint.load(path: path, run: ["prefix": "a"]).completed, [1, 3])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["c.json"], "written through a renamed temporary")
    }

    func testMissingIsEmptyCorruptOrForeignIsAnError() throws {
        XCTAssertEqual(try Checkpoint.load(path: directory + "/none.json", run: [:]).completed, [])
        let corrupt = directory + "/corrupt.json"
        try "{\"completed\": [1,".write(toFile: corrupt, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Checkpoint.load(path: corrupt, run: [:])) {
            XCTAssert("\($0)".contains("is not a checkpoint"))
        }
        let foreign = directory + "/foreign.json"
        var other = Checkpoint(path: foreign, run: ["prefix": "a", "seed": "1"], completed: [0])
        try other.save()
        XCTAssertThrowsError(try Checkpoint.load(path: foreign, run: ["prefix": "b", "seed": "1"])) {
            XCTAssert("\($0)".contains("belongs to another run (prefix differ)"))
        }
    }

    func testTheReferencesOwnCheckpointIsAccepted() throws {
        let path = directory + "/reference.json"
        try "{\"completed\": [0, 2], \"updated\": \"2025-01-01T00:00:00\"}".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try Checkpoint.load(path: path, run: ["prefix": "x"]).completed, [0, 2])
    }

    func testFileIdsMustBeWholeNumbers() throws {
        let path = directory + "/ids.json"
        try "{\"completed\": [0, 2.0, 1e1], \"run\": [\"not\", \"ours\"]}".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(try Checkpoint.load(path: path, run: ["prefix": "x"]).completed, [0, 2, 10], "a run that is not a map of strings is ignored")
        for bad in ["-1", "1.5", "\"3\"", "null", "true"] {
            try "{\"completed\": [0, \(bad)]}".write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try Checkpoint.load(path: path, run: [:]), bad) {
                XCTAssert("\($0)".contains("lists a bad file id"), "\($0)")
            }
        }
        try "[0, 1]".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Checkpoint.load(path: path, run: [:])) { XCTAssert("\($0)".contains("is not a checkpoint")) }
    }

    func testSavesAreBatchedNotOnePerFile() throws {
        // Rewriting the whole list after every file made a run of 20,480 small
        // files quadratic (42 s against 1.3 s without a checkpoint).
        let path = directory + "/many.json"
        var checkpoint = Checkpoint(path: path, run: [:])
        for index in 0..<20_480 { try checkpoint.markCompleted(index) }
        XCTAssertLessThan(checkpoint.saves, 20, "saved about once a second, not once per file")
        try checkpoint.flush()
        XCTAssertEqual(try Checkpoint.load(path: path, run: [:]).completed.count, 20_480)
        let saves = checkpoint.saves
        try checkpoint.flush()
        XCTAssertEqual(checkpoint.saves, saves, "nothing new, nothing written")
    }

    func testAFileThatIsNotACheckpointIsNeverReplaced() throws {
        let notes = directory + "/notes.txt"
        try "my notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        var checkpoint = Checkpoint(path: notes, run: [:])
        XCTAssertThrowsError(try checkpoint.save()) { XCTAssert("\($0)".contains("is not a checkpoint")) }
        XCTAssertThrowsError(try Checkpoint.load(path: notes, run: [:]))
        XCTAssertEqual(try String(contentsOfFile: notes, encoding: .utf8), "my notes\n")

        let fifo = directory + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        var special = Checkpoint(path: fifo, run: [:])
        XCTAssertThrowsError(try special.save()) { XCTAssert("\($0)".contains("not a regular file")) }
        var status = stat()
        XCTAssertEqual(lstat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "still the fifo")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["fifo", "notes.txt"])
    }
}
