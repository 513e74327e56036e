/// Unsigned byte-wise lexicographic order, the spec's order for strings.
enum ByteOrder {
    /// Eight bytes a step as big-endian words: most strings differ in their
    /// first word, and a call to memcmp would cost more than the comparison.
    @inline(__always)
    static func less(_ a: UnsafeRawPointer, _ aCount: Int, _ b: UnsafeRawPointer, _ bCount: Int) -> Bool {
        let common = min(aCount, bCount)
        var i = 0
        while i &+ 8 <= common {
            let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let y = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != y { return UInt64(bigEndian: x) < UInt64(bigEndian: y) }
            i &+= 8
        }
        while i < common {
            let x = a.load(fromByteOffset: i, as: UInt8.self), y = b.load(fromByteOffset: i, as: UInt8.self)
            if x != y { return x < y }
            i &+= 1
        }
        return aCount < bCount
    }
}
