@testable import LBHost
import Foundation
import XCTest

final class RunPlanTests: XCTestCase {
    func plan(files: Int = 10, rows: Int? = nil, node: Int = 0, nodes: Int = 1, cycle: Int = 0,
              prefix: String = "customer/interactions", continues: Bool = false) -> RunPlan {
        RunPlan(layout: RowLayout(rowsPerFile: 100, rowsPerRowGroup: 50, rowsPerBatch: 25, bytesPerRow: 1),
                totalFiles: files, totalRows: rows, nodeID: node, totalNodes: nodes, cycle: cycle, keyPrefix: prefix,
                continues: continues)
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
        XCTAssertEqual(Array(plan(node: 1, nodes: 4).nodeFiles), [1, 5, 9])
        XCTAssertEqual(Array(plan(files: 2, node: 3, nodes: 4).nodeFiles), [])
        let all = (0..<3).flatMap { plan(node: $0, nodes: 3).nodeFiles }.sorted()
        XCTAssertEqual(all, Array(0..<10))
        for node in 0..<4 {
            XCTAssertEqual(plan(node: node, nodes: 4).nodeFileCount, Array(plan(node: node, nodes: 4).nodeFiles).count)
            XCTAssertEqual(plan(files: 2, node: node, nodes: 4).nodeFileCount, node < 2 ? 1 : 0)
        }
    }

    func testTheReferencesFileCount() {
        XCTAssertEqual(RunPlan.fileCount(targetBytes: 0.097656 * pow(1024, 4), fileBytes: 512 * 1024 * 1024), 199)
        XCTAssertEqual(RunPlan.fileCount(targetBytes: 10, fileBytes: 100), 1, "at least one file")
        XCTAssertEqual(RunPlan.fileCount(targetBytes: 300, fileBytes: 100), 3)
    }

    func testABatchPlanEndsWithItsPlannedFiles() {
        XCTAssertEqual(Array(plan(node: 1, nodes: 4).files()), [1, 5, 9])
        XCTAssertEqual(Array(plan(node: 1, nodes: 4).files(skipping: [5])), [1, 9])
        XCTAssertEqual(plan(rows: 950).plannedRowGroups(of: plan(rows: 950).files()), 19)
    }

    func testAContinuousPlanGoesOnWithNewIdsOfThisNode() {
        // Phase 1: node 1's planned files; phase 2: total_files + k × total_nodes + node_id.
        let p = plan(node: 1, nodes: 2, continues: true)
        XCTAssertEqual(Array(p.files().prefix(8)), [1, 3, 5, 7, 9, 11, 13, 15])
        XCTAssertEqual(Array(plan(files: 9, node: 1, nodes: 2, continues: true).files().prefix(6)), [1, 3, 5, 7, 10, 12])
        XCTAssertEqual(Array(plan(files: 1, node: 3, nodes: 4, continues: true).files().prefix(2)), [4, 8])
        XCTAssertEqual(Array(p.files(skipping: [3, 11]).prefix(4)), [1, 5, 7, 9])
        XCTAssertNil(p.plannedRowGroups(of: p.files()), "an endless plan has no count")
        XCTAssertEqual(p.rows(inFile: 13), 100)
        XCTAssertTrue(p.isThisNodes(11) && !p.isThisNodes(12) && !p.isPlanned(11))
        XCTAssertFalse(plan(node: 1, nodes: 2).isThisNodes(11), "a batch plan has no new files")
    }

    func testNewFilesHaveTheNumberingOfThePlanned() {
        let p = plan(rows: 950, node: 1, nodes: 2, continues: true)
        XCTAssertEqual(p.rows(inFile: 9), 50, "the last planned file holds the remainder")
        XCTAssertEqual(p.rows(inFile: 11), 100, "new files are whole")
        XCTAssertEqual(p.fileIndex(ofKey: p.key(11)), 11)
        XCTAssertNil(plan().fileIndex(ofKey: plan().key(11)))
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
