/// Append-only memory for bytes a writer must copy. Ranges handed out as
/// segments are never written again; the block is freed once neither the
/// writer nor any part refers to it.
final class StagingBlock {
    static let standardCapacity = 1 << 20

    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    private var sealed = 0

    init(capacity: Int) {
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    var room: Int { capacity - used }

    /// Bytes appended since the last `takeUnsealed`.
    var unsealedCount: Int { used - sealed }

    func append(_ bytes: UnsafeRawBufferPointer) {
        (base + used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        used += bytes.count
    }

    /// The bytes appended since the last call, if any.
    func takeUnsealed() -> UnsafeRawBufferPointer? {
        guard used > sealed else { return nil }
        defer { sealed = used }
        return UnsafeRawBufferPointer(start: base + sealed, count: used - sealed)
    }
}
