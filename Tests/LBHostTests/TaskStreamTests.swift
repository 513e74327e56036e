@testable import LBHost
import XCTest

final class TaskStreamTests: XCTestCase {
    let layout = RowLayout(rowsPerFile: 100, rowsPerRowGroup: 40, rowsPerBatch: 20, bytesPerRow: 1)

    func testRowGroupsOfEachFileInOrder() {
        let plan = RunPlan(layout: layout, totalFiles: 3, totalRows: 250, nodeID: 0, totalNodes: 2, cycle: 1, keyPrefix: "p")
        var stream = TaskStream(plan: plan, files: plan.files())
        var tasks: [Pipeline.Task] = []
        while let task = stream.next() { tasks.append(task) }
        XCTAssertEqual(tasks.map(\.fileIndex), [0, 0, 0, 2, 2])
        XCTAssertEqual(tasks.map(\.firstRow), [0, 40, 80, 0, 40])
        XCTAssertEqual(tasks.map(\.rowCount), [40, 40, 20, 40, 10], "the last file holds the remainder")
        XCTAssertEqual(tasks.map(\.isLastOfFile), [false, false, true, false, true])
        XCTAssertEqual(tasks[3].fileID, (1 << 32) | 2)
    }

    func testAnEndlessPlanStreamsWithoutEnd() {
        let plan = RunPlan(layout: layout, totalFiles: 2, totalRows: nil, nodeID: 1, totalNodes: 2, cycle: 0,
                           keyPrefix: "", continues: true)
        var stream = TaskStream(plan: plan, files: plan.files())
        let files = (0..<9).compactMap { _ in stream.next() }.filter(\.isFirstOfFile).map(\.fileIndex)
        XCTAssertEqual(files, [1, 3, 5])
    }
}
