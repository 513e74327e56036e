/// Dictionary of fixed-width values (INT32, INT64, FLOAT, DOUBLE, DATE,
/// TIMESTAMP), keyed by bit pattern so -0.0/+0.0 and NaN payloads stay
/// distinct, as PLAIN would keep them.
final class FixedDictionary {
    /// Bytes per entry in the dictionary page (4 or 8).
    let width: Int
    /// Entry bits, zero-extended to 64.
    let entries = ScalarBuffer<UInt64>(capacity: 1024)
    private var table = HashSlots()
    /// Keys below `directKeys` (small counts, codes, zero) skip the hash:
    /// `direct[key]` holds their entry index + 1 (0 = absent). 16 KiB, so
    /// it stays in cache; other keys go through `table`.
    static let directKeys = 4096
    private let direct: UnsafeMutablePointer<UInt32>
    /// Whether `direct` holds anything, so `reset` clears it only then.
    private var directUsed = false

    init(width: Int) {
        self.width = width
        direct = .allocate(capacity: Self.directKeys)
        direct.initialize(repeating: 0, count: Self.directKeys)
    }

    deinit { direct.deallocate() }

    var count: Int { entries.count }
    var plainSize: Int { entries.count &* width }

    @inline(__always)
    static func hash(_ key: UInt64) -> UInt64 {
        (key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
    }

    /// Maps the page's present values to entry indices, adding new entries.
    /// Returns the number of indices written, or nil as soon as the
    /// dictionary would exceed `maxEntries` (the caller then truncates it).
    func insert<Raw: FixedWidthInteger & UnsignedInteger>(
        _ type: Raw.Type, values: UnsafeRawPointer, validity: UnsafePointer<UInt8>?, count: Int,
        maxEntries: Int, indices: UnsafeMutablePointer<UInt32>
    ) -> Int? {
        let src = values.assumingMemoryBound(to: Raw.self)
        var k = 0
        for i in 0..<count {
            if let validity, validity[i] == 0 { continue }
            let key = UInt64(src[i])
            if key < UInt64(Self.directKeys) {
                var slot = direct[Int(key)]
                if slot == 0 {
                    if entries.count >= maxEntries { return nil }
                    slot = UInt32(truncatingIfNeeded: entries.count) &+ 1
                    entries.append(key)
                    direct[Int(key)] = slot
                    directUsed = true
                }
                indices[k] = slot &- 1
                k &+= 1
                continue
            }
            let hash = Self.hash(key)
            let mask = table.mask
            let slots = table.slots
            let stored = entries.base
            var s = table.home(hash)
            var index: UInt32
            while true {
                let slot = slots[s]
                if slot == 0 {
                    if entries.count >= maxEntries { return nil }
                    index = UInt32(truncatingIfNeeded: entries.count)
                    entries.append(key)
                    slots[s] = index &+ 1
                    if entries.count &* 2 > table.capacity { rehash() }
                    break
                }
                if stored[Int(slot &- 1)] == key {
                    index = slot &- 1
                    break
                }
                s = (s &+ 1) & mask
            }
            indices[k] = index
            k &+= 1
        }
        return k
    }

    private func rehash() {
        table.doubleAndClear()
        for e in 0..<entries.count where entries.base[e] >= UInt64(Self.directKeys) {
            table.place(entry: e, hash: Self.hash(entries.base[e]))
        }
    }

    /// Drops entries added after `count` (a page that fell back to PLAIN).
    /// The slots still name them, so no lookups until `reset`.
    func truncate(to count: Int) { entries.count = count }

    func reset() {
        entries.count = 0
        table.clear()
        if directUsed {
            direct.update(repeating: 0, count: Self.directKeys)
            directUsed = false
        }
    }

    /// The dictionary page body: entries PLAIN-encoded.
    func writePlain(into out: ByteBuffer) {
        out.reserve(plainSize)
        var dst = out.end
        for e in 0..<entries.count {
            let bits = entries.base[e]
            if width == 4 {
                dst.storeBytes(of: UInt32(truncatingIfNeeded: bits).littleEndian, as: UInt32.self)
            } else {
                dst.storeBytes(of: bits.littleEndian, as: UInt64.self)
            }
            dst += width
        }
        out.count &+= plainSize
    }
}
