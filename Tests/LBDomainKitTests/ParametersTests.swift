import LBDomainKit
import XCTest

final class ParametersTests: XCTestCase {
    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return ""
    }

    func testNumbers() throws {
        let parameters = Parameters(["ratio": "0.25", "count": "12", "bad": "x", "nan": "nan"])
        XCTAssertEqual(try parameters.double("ratio", in: 0...1), 0.25)
        XCTAssertEqual(try parameters.int("count", in: 1...100), 12)
        XCTAssert(message { _ = try parameters.double("ratio", in: 0.5...1) }.contains("parameter ratio"))
        XCTAssert(message { _ = try parameters.double("bad", in: 0...1) }.contains("got 'x'"))
        XCTAssert(message { _ = try parameters.double("nan", in: 0...1) }.contains("got 'nan'"))
        XCTAssert(message { _ = try parameters.int("missing", in: 0...1) }.contains("missing"))
    }

    func testDates() throws {
        let parameters = Parameters(["epoch": "1970-01-01", "start": "2024-01-01", "leap": "2000-02-29",
                                     "notLeap": "2023-02-29", "month": "2024-13-01", "short": "2024-1-01"])
        XCTAssertEqual(try parameters.date("epoch").daysSinceEpoch, 0)
        XCTAssertEqual(try parameters.date("start").daysSinceEpoch, 19_723)
        XCTAssertEqual(try parameters.date("start").microsecondsSinceEpoch, 1_704_067_200_000_000)
        XCTAssertEqual(try parameters.date("leap").daysSinceEpoch, 11_016)
        for name in ["notLeap", "month", "short"] {
            XCTAssert(message { _ = try parameters.date(name) }.contains("expected a date YYYY-MM-DD"), name)
        }
    }

    func testWeightTables() throws {
        let parameters = Parameters([
            "w": "b:0.5,a:0.25", "zero": "a:0,b:0", "twice": "a:1,a:2", "shape": "a=1", "negative": "a:-1",
        ])
        let ordered = try parameters.weights("w", labels: ["a", "b"])
        XCTAssertEqual(ordered.map(\.label), ["a", "b"])
        XCTAssertEqual(ordered.map(\.weight), [0.25, 0.5])
        XCTAssertEqual(try parameters.weights("w").map(\.label), ["b", "a"])
        XCTAssert(message { _ = try parameters.weights("w", labels: ["a", "c"]) }.contains("labels must be exactly a, c"))
        XCTAssert(message { _ = try parameters.weights("zero") }.contains("must not all be zero"))
        XCTAssert(message { _ = try parameters.weights("twice") }.contains("appears twice"))
        XCTAssert(message { _ = try parameters.weights("shape") }.contains("label:weight"))
        XCTAssert(message { _ = try parameters.weights("negative") }.contains("label:weight"))
    }
}
