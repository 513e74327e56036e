import CLBDomain

/// A keyed bijection of `0 ..< count` (a 4-round alternating Feistel network
/// with cycle walking). Picking "exactly k of n rows" becomes a per-row test,
/// `permutation(row) < k`, that any batch can evaluate alone.
///
/// The network works on the B bits that hold `count - 1`, split into a high
/// and a low part; each round xors one part with a keyed hash of the other,
/// which is invertible whatever the split. The domain 2^B is under twice the
/// count, so cycle walking takes fewer than two tries on average.
public struct IndexPermutation: Sendable {
    public let count: UInt64
    @usableFromInline let lowBits: UInt64
    @usableFromInline let lowMask: UInt64
    @usableFromInline let highMask: UInt64
    @usableFromInline let keys: (UInt64, UInt64, UInt64, UInt64)

    public init(count: UInt64, key: UInt64) {
        precondition(count > 0)
        var bits: UInt64 = 2
        while bits < 64 && (UInt64(1) << bits) < count { bits += 1 }
        self.count = count
        lowBits = bits / 2
        lowMask = (UInt64(1) << lowBits) - 1
        highMask = (UInt64(1) << (bits - lowBits)) - 1
        keys = (lb_stream_seed(key, 1), lb_stream_seed(key, 2), lb_stream_seed(key, 3), lb_stream_seed(key, 4))
    }

    /// One multiply: the rounds' outputs are masked to their half's low
    /// bits, and xoring in the product's bits 29 and up mixes the input into
    /// them (any round function keeps a Feistel network a bijection).
    @inlinable
    static func round(_ value: UInt64, _ key: UInt64) -> UInt64 {
        let z = (value ^ key) &* 0xbf58_476d_1ce4_e5b9
        return z ^ (z >> 29)
    }

    @inlinable
    func encrypt(_ value: UInt64) -> UInt64 {
        var high = value >> lowBits
        var low = value & lowMask
        high ^= Self.round(low, keys.0) & highMask
        low ^= Self.round(high, keys.1) & lowMask
        high ^= Self.round(low, keys.2) & highMask
        low ^= Self.round(high, keys.3) & lowMask
        return (high << lowBits) | low
    }

    /// The image of `index` (< count), also < count.
    @inlinable
    public func callAsFunction(_ index: UInt64) -> UInt64 {
        var value = encrypt(index)
        while value >= count { value = encrypt(value) }
        return value
    }
}
