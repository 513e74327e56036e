/// The row-group tasks of a sequence of files, made as they are taken: an
/// endless plan is no special case, and no list of tasks is ever held.
struct TaskStream: IteratorProtocol {
    private let plan: RunPlan
    private var files: RunPlan.Files.Iterator
    private var file = 0
    private var rowsInFile = 0
    private var nextRow = 0

    init(plan: RunPlan, files: RunPlan.Files) {
        self.plan = plan
        self.files = files.makeIterator()
    }

    mutating func next() -> Pipeline.Task? {
        if nextRow >= rowsInFile {
            guard let index = files.next() else { return nil }
            file = index
            rowsInFile = plan.rows(inFile: index)
            nextRow = 0
        }
        let task = Pipeline.Task(fileIndex: file, fileID: plan.fileID(file), rowsInFile: rowsInFile, firstRow: nextRow,
                                 rowCount: min(plan.layout.rowsPerRowGroup, rowsInFile - nextRow))
        nextRow += task.rowCount
        return task
    }
}
