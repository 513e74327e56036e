@testable import LBHost
import XCTest

final class RunPlanTests: XCTestCase {
    func plan(files: Int = 10, rows: Int? = nil, node: Int = 0, nodes: Int = 1, cycle: Int = 0, prefix: String = "customer/interactions") -> RunPlan {
        RunPlan(layout: RowLayout(rowsPerFile: 100, rowsPerRowGroup: 50, rowsPerBatch: 25, bytesPerRow: 1),
                totalFiles: files, totalRows: rows, nodeID: node, totalNodes: nodes, cycle: cycle, keyPrefix: prefix)
    }

    func testKeys() {
        XCTAssertEqual(plan().key(7), "customer/interactions/part-000007.parquet")
        XCTAssertEqual(plan(cycle: 2).key(7), "customer/interactions/part-c002-000007.parquet")
        XCTAssertEqual(plan(prefix: "").key(1_234_567), "part-1234567.parquet")
    }

    func testFileIndexOfKeyAcceptsOnlyThisPlansKeys() {
        let p = plan()
        for index in 0..<10 { XCTAssertEqual(p.fileIndex(ofKey: p.key(index)), index) }
        XCTAssertNil(p.fileIndex(ofKey: "customer/interactions/part-000010.parquet"), "past the plan")
        XCTAssertNil(p.fileIndex(ofKey: "customer/interactions/part-00001.parquet"))
        XCTAssertNil(p.fileIndex(ofKey: "other/part-000001.parquet"))
        XCTAssertNil(p.fileIndex(ofKey: "customer/interactions/part-000001.parquet.tmp"))
        XCTAssertNil(p.fileIndex(ofKey: "customer/interactions/part-c001-000001.parquet"))
        XCTAssertEqual(plan(cycle: 1).fileIndex(ofKey: "customer/interactions/part-c001-000001.parquet"), 1)
    }

    func testNodesTakeFileNModTotal() {
        XCTAssertEqual(plan(node: 1, nodes: 4).nodeFiles, [1, 5, 9])
        XCTAssertEqual(plan(files: 2, node: 3, nodes: 4).nodeFiles, [])
        let all = (0..<3).flatMap { plan(node: $0, nodes: 3).nodeFiles }.sorted()
        XCTAssertEqual(all, Array(0..<10))
    }

    func testRowsTargetLeavesTheRemainderInTheLastFile() {
        let p = plan(files: 3, rows: 250)
        XCTAssertEqual((0..<3).map { p.rows(inFile: $0) }, [100, 100, 50])
        XCTAssertEqual(plan().rows(inFile: 9), 100)
    }

    func testFileIDsOfLaterCycles() {
        XCTAssertEqual(plan().fileID(5), 5)
        XCTAssertEqual(plan(cycle: 3).fileID(5), (3 << 32) | 5)
    }

    func testPrefixNormalization() {
        XCTAssertEqual(RunPlan.normalizedPrefix(["bronze", "customer/interactions/"]), "bronze/customer/interactions")
        XCTAssertEqual(RunPlan.normalizedPrefix(["", "/a//b/"]), "a/b")
        XCTAssertEqual(RunPlan.normalizedPrefix(["", ""]), "")
    }
}
