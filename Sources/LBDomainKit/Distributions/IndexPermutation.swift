import CLBDomain

/// A keyed bijection of `0 ..< count` (a 4-round Feistel network with cycle
/// walking). Picking "exactly k of n rows" becomes a per-row test,
/// `permutation(row) < k`, that any batch can evaluate alone.
public struct IndexPermutation: Sendable {
    public let count: UInt64
    @usableFromInline let halfBits: UInt64
    @usableFromInline let halfMask: UInt64
    @usableFromInline let keys: (UInt64, UInt64, UInt64, UInt64)

    public init(count: UInt64, key: UInt64) {
        precondition(count > 0)
        var bits: UInt64 = 1
        while bits < 64 && (UInt64(1) << (2 * bits)) < count { bits += 1 }
        self.count = count
        halfBits = bits
        halfMask = (UInt64(1) << bits) - 1
        keys = (lb_stream_seed(key, 1), lb_stream_seed(key, 2), lb_stream_seed(key, 3), lb_stream_seed(key, 4))
    }

    @inlinable
    func round(_ value: UInt64, _ key: UInt64) -> UInt64 {
        var z = (value ^ key) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 31)) &* 0x94d0_49bb_1331_11eb
        return (z ^ (z >> 29)) & halfMask
    }

    @inlinable
    func encrypt(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits
        var right = value & halfMask
        (left, right) = (right, left ^ round(right, keys.0))
        (left, right) = (right, left ^ round(right, keys.1))
        (left, right) = (right, left ^ round(right, keys.2))
        (left, right) = (right, left ^ round(right, keys.3))
        return (left << halfBits) | right
    }

    /// The image of `index` (< count), also < count.
    @inlinable
    public func callAsFunction(_ index: UInt64) -> UInt64 {
        var value = encrypt(index)
        while value >= count { value = encrypt(value) }
        return value
    }
}
