import LBParquet
import LBSync

/// Row groups made in parallel, written in order by the workers themselves.
/// Workers take row-group tasks in order from a stream and fill + encode
/// them; the worker whose row group is next in order then writes it while
/// the others keep generating (or wait for their turn). Generating and
/// writing overlap across workers, no thread idles as a pure writer, and
/// memory is one row group per worker whatever the file size (plus, through
/// S3, the page blocks that parts in flight still send from).
///
/// A stop (a signal, or the deadline passing) ends it early: no task is
/// taken and no row group written after it; what the writer had begun is
/// its to abandon.
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

    private let stopRequest: StopRequest
    /// Monotonic nanoseconds after which nothing more is taken or written.
    private let deadline: UInt64?
    private let monitor = Monitor()
    // Guarded by `monitor`:
    private var tasks: any IteratorProtocol<Task>
    private var taken = 0
    private var nextToWrite = 0
    private var failure: Error?
    private var skippedFiles = Set<Int>()

    init(tasks: some IteratorProtocol<Task>, stop: StopRequest = StopRequest(), deadline: UInt64? = nil) {
        self.tasks = tasks
        self.stopRequest = stop
        self.deadline = deadline
    }

    /// Runs the tasks on `producers.count` threads until they run out or a
    /// stop; returns the stop's reason, if any. Rethrows the first failure
    /// of a producer or of `write`, after which nothing more is written.
    func run(producers: [RowGroupProducer], write: @escaping Write) throws -> StopReason? {
        stopRequest.onStop { [self] in monitor.locked { monitor.broadcast() } }
        defer { stopRequest.onStop(nil) }
        let threads = producers.map { producer in
            WorkerThread { [self] in work(producer, write) }
        }
        threads.forEach { $0.join() }
        if let failure = monitor.locked({ failure }) { throw failure }
        return stopRequest.reason
    }

    /// Later row groups of this file are not made (its upload failed).
    func skipFile(_ index: Int) {
        monitor.locked { _ = skippedFiles.insert(index) }
    }

    private func fail(_ error: Error) {
        monitor.locked {
            if failure == nil { failure = error }
            monitor.broadcast()
        }
    }

    /// Whether to go on; call inside `locked`. Past the deadline, asks for the stop itself.
    private func mayContinue() -> Bool {
        guard failure == nil, stopRequest.reason == nil else { return false }
        if let deadline, Clock.nanoseconds() >= deadline {
            stopRequest.record(.deadline)  // no wake: the caller holds this pipeline's lock
            monitor.broadcast()
            return false
        }
        return true
    }

    private func work(_ producer: RowGroupProducer, _ write: Write) {
        while true {
            let claimed: (Int, Task, Bool)? = monitor.locked {
                guard mayContinue(), let task = tasks.next() else { return nil }
                taken += 1
                return (taken - 1, task, skippedFiles.contains(task.fileIndex))
            }
            guard let (index, task, skipped) = claimed else {
                monitor.locked { monitor.broadcast() }  // a stop seen here wakes the waiting
                return
            }
            var rowGroup: EncodedRowGroup?
            do {
                if !skipped {
                    rowGroup = try producer.produce(
                        fileID: task.fileID, rowsInFile: task.rowsInFile, firstRow: task.firstRow, rowCount: task.rowCount)
                }
            } catch {
                fail(error)
                return
            }
            // Wait for this row group's turn; the lowest unwritten task is
            // always held by a worker, so the turn always comes (or a stop).
            let myTurn = monitor.locked {
                monitor.wait { nextToWrite == index || !mayContinue() }
                return mayContinue()
            }
            guard myTurn else {
                monitor.locked { monitor.broadcast() }
                return
            }
            do {
                try write(task, rowGroup)
            } catch {
                fail(error)
                return
            }
            // Drop the row group before passing the turn, so its page
            // blocks are back in the pool for the next one (those an S3
            // part still sends from come back once it is up).
            rowGroup = nil
            monitor.locked {
                nextToWrite += 1
                monitor.broadcast()
            }
        }
    }
}
