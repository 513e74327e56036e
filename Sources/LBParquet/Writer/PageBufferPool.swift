#if canImport(Glibc)
import Glibc
#endif

/// Page buffers handed back once their row group is written, kept for the
/// next row group of the same column. Reusing memory already touched spares
/// a page fault every 4 KiB (the largest cost of big payload columns), and
/// sharing one pool among a run's encoders keeps the total bounded by the
/// row groups in flight rather than doubling it per encoder.
public final class PageBufferPool: @unchecked Sendable {
    private var free: [[(base: UnsafeMutableRawPointer, capacity: Int)]]
    private let keepPerColumn: Int
    private var lock = pthread_mutex_t()

    /// Keeps at most `keepPerColumn` spare buffers per column (at least one).
    public init(columnCount: Int, keepPerColumn: Int) {
        free = Array(repeating: [], count: columnCount)
        self.keepPerColumn = max(1, keepPerColumn)
        pthread_mutex_init(&lock, nil)
    }

    deinit {
        for buffers in free { for buffer in buffers { buffer.base.deallocate() } }
        pthread_mutex_destroy(&lock)
    }

    /// A buffer for `column`: a spare one if any, else a new one.
    func buffer(column: Int, capacity: Int) -> ByteBuffer {
        pthread_mutex_lock(&lock)
        let spare = free[column].popLast()
        pthread_mutex_unlock(&lock)
        if let spare {
            return ByteBuffer(adopting: spare.base, capacity: spare.capacity, pool: self, column: column)
        }
        return ByteBuffer(capacity: capacity, pool: self, column: column)
    }

    /// Takes back a buffer's memory, or frees it when enough are kept.
    func give(column: Int, base: UnsafeMutableRawPointer, capacity: Int) {
        pthread_mutex_lock(&lock)
        let kept = free[column].count < keepPerColumn
        if kept { free[column].append((base, capacity)) }
        pthread_mutex_unlock(&lock)
        if !kept { base.deallocate() }
    }
}
