import LBParquet

/// Row groups made in parallel, written in order. Workers take row-group
/// tasks in order and fill + encode them; the caller's thread emits each
/// finished row group in task order. A row group may only start while fewer
/// than `workers` are made but not yet emitted, so memory is a few row
/// groups whatever the file size.
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

    private let tasks: [Task]
    private let monitor = Monitor()
    // Guarded by `monitor`:
    private var nextTask = 0
    private var permits: Int
    private var finished: [Int: EncodedRowGroup?] = [:]
    private var failure: Error?
    private var skippedFiles = Set<Int>()

    init(tasks: [Task], workers: Int) {
        self.tasks = tasks
        self.permits = max(workers, 1)
    }

    /// Runs to the end or the first worker failure (rethrown). `emit` gets
    /// nil for a row group of a skipped file.
    func run(producers: [RowGroupProducer], emit: (Task, EncodedRowGroup?) throws -> Void) throws {
        let threads = producers.map { producer in
            WorkerThread { [self] in work(producer) }
        }
        defer { threads.forEach { $0.join() } }
        do {
            for index in tasks.indices {
                var slot: EncodedRowGroup?? = monitor.locked {
                    monitor.wait { finished[index] != nil || failure != nil }
                    return finished.removeValue(forKey: index)
                }
                guard let rowGroup = slot else { break }  // a worker failed
                try emit(tasks[index], rowGroup)
                // Drop the row group before the next one may start, so its
                // page buffers are back in the pool for it.
                slot = nil
                monitor.locked {
                    permits += 1
                    monitor.broadcast()
                }
            }
        } catch {
            stop(error)
            throw error
        }
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

    private func work(_ producer: RowGroupProducer) {
        while true {
            let claimed: (Int, Bool)? = monitor.locked {
                monitor.wait { permits > 0 || failure != nil }
                guard failure == nil, nextTask < tasks.count else { return nil }
                permits -= 1
                nextTask += 1
                return (nextTask - 1, skippedFiles.contains(tasks[nextTask - 1].fileIndex))
            }
            guard let (index, skipped) = claimed else { return }
            let task = tasks[index]
            do {
                let rowGroup = skipped ? nil : try producer.produce(
                    fileID: task.fileID, rowsInFile: task.rowsInFile, firstRow: task.firstRow, rowCount: task.rowCount)
                monitor.locked {
                    finished[index] = .some(rowGroup)
                    monitor.broadcast()
                }
            } catch {
                stop(error)
                return
            }
        }
    }
}
