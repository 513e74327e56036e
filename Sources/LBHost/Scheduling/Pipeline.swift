import LBParquet
import LBSync

/// Row groups made in parallel, written in order by the workers themselves.
/// Workers take row-group tasks in order and fill + encode them; the worker
/// whose row group is next in order then writes it while the others keep
/// generating (or wait for their turn). Generating and writing overlap
/// across workers, no thread idles as a pure writer, and memory is one row
/// group per worker whatever the file size.
final class Pipeline: @unchecked Sendable {
    struct Task: Sendable {
        let fileIndex: Int
        let fileID: UInt64
        let rowsInFile: Int
        let firstRow: Int
        let rowCount: Int
        var isFirstOfFile: Bool { firstRow == 0 }
        var isLastOfFile: Bool { firstRow + rowCount == rowsInFile }
    }

    /// Writes one finished row group (nil for a row group of a skipped
    /// file). Called for each task in task order, by one worker at a time.
    typealias Write = @Sendable (Task, EncodedRowGroup?) throws -> Void

    private let tasks: [Task]
    private let monitor = Monitor()
    // Guarded by `monitor`:
    private var nextTask = 0
    private var nextToWrite = 0
    private var failure: Error?
    private var skippedFiles = Set<Int>()

    init(tasks: [Task]) {
        self.tasks = tasks
    }

    /// Runs every task on `producers.count` threads; rethrows the first
    /// failure of a producer or of `write`, after which nothing more is
    /// written.
    func run(producers: [RowGroupProducer], write: @escaping Write) throws {
        let threads = producers.map { producer in
            WorkerThread { [self] in work(producer, write) }
        }
        threads.forEach { $0.join() }
        if let failure = monitor.locked({ failure }) { throw failure }
    }

    /// Later row groups of this file are not made (its upload failed).
    func skipFile(_ index: Int) {
        monitor.locked { _ = skippedFiles.insert(index) }
    }

    private func stop(_ error: Error) {
        monitor.locked {
            if failure == nil { failure = error }
            monitor.broadcast()
        }
    }

    private func work(_ producer: RowGroupProducer, _ write: Write) {
        while true {
            let claimed: (Int, Bool)? = monitor.locked {
                guard failure == nil, nextTask < tasks.count else { return nil }
                nextTask += 1
                return (nextTask - 1, skippedFiles.contains(tasks[nextTask - 1].fileIndex))
            }
            guard let (index, skipped) = claimed else { return }
            let task = tasks[index]
            var rowGroup: EncodedRowGroup?
            do {
                if !skipped {
                    rowGroup = try producer.produce(
                        fileID: task.fileID, rowsInFile: task.rowsInFile, firstRow: task.firstRow, rowCount: task.rowCount)
                }
            } catch {
                stop(error)
                return
            }
            // Wait for this row group's turn; the lowest unwritten task is
            // always held by a worker, so the turn always comes.
            let myTurn = monitor.locked {
                monitor.wait { nextToWrite == index || failure != nil }
                return failure == nil
            }
            guard myTurn else { return }
            do {
                try write(task, rowGroup)
            } catch {
                stop(error)
                return
            }
            // Drop the row group before passing the turn, so its page
            // buffers are back in the pool for the next one.
            rowGroup = nil
            monitor.locked {
                nextToWrite += 1
                monitor.broadcast()
            }
        }
    }
}
