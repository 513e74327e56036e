/// The open-addressing table behind both dictionaries: a power-of-two array
/// of slots holding entry index + 1 (0 = empty), probed linearly. Kept at most
/// half full. The owner compares keys and rehashes; this only holds slots.
struct HashSlots: ~Copyable {
    private(set) var slots: UnsafeMutablePointer<UInt32>
    private(set) var capacity: Int
    /// 64 - log2(capacity): `hash >> shift` picks the home slot.
    private(set) var shift: UInt64

    init(capacity: Int = 1024) {
        self.capacity = capacity
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
    }

    deinit { slots.deallocate() }

    @inline(__always) var mask: Int { capacity &- 1 }

    @inline(__always)
    func home(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> shift) }

    mutating func clear() {
        slots.update(repeating: 0, count: capacity)
    }

    /// Empties and doubles the table; the owner reinserts its entries.
    mutating func doubleAndClear() {
        slots.deallocate()
        capacity &*= 2
        shift &-= 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
    }

    /// Puts `entry` in the first free slot from the hash's home (rehash only:
    /// the key is known to be absent).
    @inline(__always)
    func place(entry: Int, hash: UInt64) {
        var s = home(hash)
        while slots[s] != 0 { s = (s &+ 1) & mask }
        slots[s] = UInt32(truncatingIfNeeded: entry &+ 1)
    }
}
