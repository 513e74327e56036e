@testable import LBHost
import XCTest

final class JSONValueTests: XCTestCase {
    func testCanonicalTextSortsKeysAndHasNoWhitespace() {
        let value = JSONValue.object(["b": .array([.int(1), .null, .bool(true)]), "a": .object(["z": .double(0.5), "y": .double(3)])])
        XCTAssertEqual(value.canonical, #"{"a":{"y":3,"z":0.5},"b":[1,null,true]}"#)
    }

    func testStringsAreEscaped() {
        XCTAssertEqual(JSONValue.string("a\"b\\c\n\u{1}é/").canonical, #""a\"b\\c\n\u0001é/""#)
    }

    func testMarkerKeyNamesCycleAndNode() {
        let layout = RowLayout(rowsPerFile: 1, rowsPerRowGroup: 1, rowsPerBatch: 1, bytesPerRow: 1)
        let plan = RunPlan(layout: layout, totalFiles: 1, totalRows: nil, nodeID: 7, totalNodes: 9, cycle: 2, keyPrefix: "b/p")
        XCTAssertEqual(CompletionMarker.key(for: plan), "b/p/_corpus/c002-node-0007.json")
        XCTAssertEqual(CompletionMarker.sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
