import LBSync

/// Page buffers handed back once their row group is written, kept for the
/// next row group of the same column. Reusing memory already touched spares
/// a page fault every 4 KiB (the largest cost of big payload columns), and
/// sharing one pool among a run's encoders keeps the total bounded by the
/// row groups in flight rather than doubling it per encoder.
public final class PageBufferPool: @unchecked Sendable {
    private var free: [[(base: UnsafeMutableRawPointer, capacity: Int)]]
    private let keepPerColumn: Int
    private let lock = Lock()

    /// Keeps at most `keepPerColumn` spare buffers per column (at least one).
    public init(columnCount: Int, keepPerColumn: Int) {
        free = Array(repeating: [], count: columnCount)
        self.keepPerColumn = max(1, keepPerColumn)
    }

    deinit {
        for buffers in free { for buffer in buffers { buffer.base.deallocate() } }
    }

    /// A buffer for `column`: a spare one if any, else a new one.
    func buffer(column: Int, capacity: Int) -> ByteBuffer {
        let spare = lock.locked { free[column].popLast() }
        if let spare {
            return ByteBuffer(adopting: spare.base, capacity: spare.capacity, pool: self, column: column)
        }
        return ByteBuffer(capacity: capacity, pool: self, column: column)
    }

    /// Takes back a buffer's memory, or frees it when enough are kept.
    func give(column: Int, base: UnsafeMutableRawPointer, capacity: Int) {
        let kept = lock.locked {
            let room = free[column].count < keepPerColumn
            if room { free[column].append((base, capacity)) }
            return room
        }
        if !kept { base.deallocate() }
    }
}
