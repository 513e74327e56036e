import LBSync

/// Page blocks handed back once their row group is written (or, through
/// S3, uploaded), kept for the next row groups of the same column. Reusing
/// memory already touched spares a page fault every 4 KiB (the largest cost
/// of big payload columns), and sharing one pool among a run's encoders
/// keeps the total bounded by the row groups in flight rather than
/// doubling it per encoder.
public final class PageBufferPool: @unchecked Sendable {
    private var free: [[(base: UnsafeMutableRawPointer, capacity: Int)]]
    private var freeBytes: [Int]
    private let keepBytesPerColumn: Int
    private let lock = Lock()

    /// Keeps spare blocks of up to `keepBytesPerColumn` bytes of capacity
    /// per column (always at least one block).
    public init(columnCount: Int, keepBytesPerColumn: Int) {
        free = Array(repeating: [], count: columnCount)
        freeBytes = Array(repeating: 0, count: columnCount)
        self.keepBytesPerColumn = keepBytesPerColumn
    }

    /// Enough to keep every block that `rowGroupsAtOnce` row groups of
    /// `rowGroupBytes`, plus `heldBytes` written but still referenced
    /// (S3 parts in flight), ever hold at once.
    public convenience init(columnCount: Int, rowGroupsAtOnce: Int, rowGroupBytes: Int, heldBytes: Int) {
        let blocksPerRowGroup = rowGroupBytes / ColumnChunkEncoder.blockBytes + 2
        let heldBlocks = heldBytes / ColumnChunkEncoder.blockBytes + 2
        self.init(columnCount: columnCount,
                  keepBytesPerColumn: (rowGroupsAtOnce * blocksPerRowGroup + heldBlocks) * ColumnChunkEncoder.blockBytes)
    }

    deinit {
        for buffers in free { for buffer in buffers { buffer.base.deallocate() } }
    }

    /// A block for `column` of at least `capacity` bytes: a spare one if any
    /// is big enough, else a new one.
    func buffer(column: Int, capacity: Int) -> ByteBuffer {
        let spare: (base: UnsafeMutableRawPointer, capacity: Int)? = lock.locked {
            guard let i = free[column].lastIndex(where: { $0.capacity >= capacity }) else { return nil }
            freeBytes[column] -= free[column][i].capacity
            return free[column].remove(at: i)
        }
        if let spare {
            return ByteBuffer(adopting: spare.base, capacity: spare.capacity, pool: self, column: column)
        }
        return ByteBuffer(capacity: capacity, pool: self, column: column)
    }

    /// Takes back a block's memory, or frees it when enough is kept.
    func give(column: Int, base: UnsafeMutableRawPointer, capacity: Int) {
        let kept = lock.locked {
            let room = free[column].isEmpty || freeBytes[column] + capacity <= keepBytesPerColumn
            if room {
                free[column].append((base, capacity))
                freeBytes[column] += capacity
            }
            return room
        }
        if !kept { base.deallocate() }
    }
}
