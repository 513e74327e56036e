/// Dictionary of strings: entry bytes in one arena, with start offsets and
/// hashes beside them, so lookups never allocate.
final class StringDictionary {
    let arena = ByteBuffer(capacity: 1 << 16)
    /// Entry e is arena[starts[e] ..< starts[e + 1]]; starts[0] = 0.
    let starts = ScalarBuffer<UInt32>(capacity: 1024)
    private let hashes = ScalarBuffer<UInt32>(capacity: 1024)
    private var table = HashSlots()

    init() { starts.append(0) }

    var count: Int { starts.count &- 1 }
    /// Size of the dictionary page body: a 4-byte length per entry + bytes.
    var plainSize: Int { arena.count &+ 4 &* count }

    @inline(__always)
    func entry(_ e: Int) -> (pointer: UnsafeRawPointer, count: Int) {
        let start = Int(starts.base[e])
        return (UnsafeRawPointer(arena.base + start), Int(starts.base[e &+ 1]) &- start)
    }

    /// A fast non-cryptographic hash, 8 bytes a step.
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x2545_F491_4F6C_DD1D ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        while i &+ 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            i &+= 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) &<< shift
                shift &+= 8
                i &+= 1
            }
            h = (h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// Byte equality, 8 bytes a step: entries are mostly short, where a
    /// call to memcmp costs more than the comparison.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i &+ 8 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        if i &+ 4 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt32.self) != b.loadUnaligned(fromByteOffset: i, as: UInt32.self) {
                return false
            }
            i &+= 4
        }
        if i &+ 2 <= n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt16.self) != b.loadUnaligned(fromByteOffset: i, as: UInt16.self) {
                return false
            }
            i &+= 2
        }
        return i == n || a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self)
    }

    /// Maps the page's present strings to entry indices, adding new entries.
    /// Returns the number of indices, or nil once the dictionary would pass
    /// `maxEntries` entries or `byteLimit` PLAIN bytes.
    func insert(
        offsets: UnsafePointer<UInt32>, bytes: UnsafePointer<UInt8>, validity: UnsafePointer<UInt8>?,
        count: Int, maxEntries: Int, byteLimit: Int, indices: UnsafeMutablePointer<UInt32>
    ) -> Int? {
        var k = 0
        // A value equal to the last present one (a constant or empty column,
        // a run) takes its index without hashing.
        var last: (pointer: UnsafeRawPointer, length: Int, index: UInt32)?
        for i in 0..<count {
            if let validity, validity[i] == 0 { continue }
            let start = Int(offsets[i])
            let length = Int(offsets[i &+ 1]) &- start
            let p = UnsafeRawPointer(bytes + start)
            if let last, last.length == length, Self.equal(last.pointer, p, length) {
                indices[k] = last.index
                k &+= 1
                continue
            }
            let hash = Self.hash(p, length)
            let shortHash = UInt32(truncatingIfNeeded: hash)
            let mask = table.mask
            let slots = table.slots
            var s = table.home(hash)
            var index: UInt32
            while true {
                let slot = slots[s]
                if slot == 0 {
                    if self.count >= maxEntries || plainSize &+ 4 &+ length > byteLimit { return nil }
                    index = UInt32(truncatingIfNeeded: self.count)
                    arena.append(p, count: length)
                    starts.append(UInt32(truncatingIfNeeded: arena.count))
                    hashes.append(shortHash)
                    slots[s] = index &+ 1
                    if self.count &* 2 > table.capacity { rehash() }
                    break
                }
                let e = Int(slot &- 1)
                if hashes.base[e] == shortHash {
                    let stored = entry(e)
                    if stored.count == length && Self.equal(stored.pointer, p, length) {
                        index = slot &- 1
                        break
                    }
                }
                s = (s &+ 1) & mask
            }
            indices[k] = index
            k &+= 1
            last = (p, length, index)
        }
        return k
    }

    private func rehash() {
        table.doubleAndClear()
        for e in 0..<count {
            let stored = entry(e)
            table.place(entry: e, hash: Self.hash(stored.pointer, stored.count))
        }
    }

    /// Drops entries added after `count` (a page that fell back to PLAIN).
    /// The slots still name them, so no lookups until `reset`.
    func truncate(to count: Int) {
        starts.count = count &+ 1
        hashes.count = count
        arena.count = Int(starts.base[count])
    }

    func reset() {
        starts.count = 1
        hashes.count = 0
        arena.removeAll()
        table.clear()
    }

    /// The dictionary page body: entries PLAIN-encoded.
    func writePlain(into out: ByteBuffer) {
        out.reserve(plainSize)
        for e in 0..<count {
            let stored = entry(e)
            out.appendLittleEndian(UInt32(truncatingIfNeeded: stored.count))
            out.append(stored.pointer, count: stored.count)
        }
    }
}
