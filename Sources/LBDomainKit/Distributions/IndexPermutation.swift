import CLBDomain

/// A keyed bijection of `0 ..< count` (a 4-round Feistel network with cycle
/// walking). Picking "exactly k of n rows" becomes a per-row test,
/// `permutation(row) < k`, that any batch can evaluate alone.
///
/// The network works on a mixed-radix domain: a value is `high · 2^L + low`
/// with `low` below 2^L (L about half the bits of `count`) and `high` below
/// `ceil(count / 2^L)`. Rounds alternately add a keyed hash of `low` to
/// `high` modulo its radix and xor a keyed hash of `high` into `low`; each is
/// invertible, so the network is a bijection. The domain exceeds `count` by
/// less than 2^L, so a value needs a second pass (cycle walking) with
/// probability under 2^L / count, about one in sqrt(count): the test stays a
/// fixed sequence of multiplies with a branch that is almost never taken.
public struct IndexPermutation: Sendable {
    public let count: UInt64
    @usableFromInline let lowBits: UInt64
    @usableFromInline let lowMask: UInt64
    /// The radix of `high`.
    @usableFromInline let highRadix: UInt64
    @usableFromInline let keys: (UInt64, UInt64, UInt64, UInt64)

    public init(count: UInt64, key: UInt64) {
        precondition(count > 0)
        var bits: UInt64 = 2
        while bits < 64 && (UInt64(1) << bits) < count { bits += 1 }
        self.count = count
        lowBits = bits / 2
        lowMask = (UInt64(1) << lowBits) - 1
        highRadix = (count - 1) >> lowBits + 1
        keys = (lb_stream_seed(key, 1), lb_stream_seed(key, 2), lb_stream_seed(key, 3), lb_stream_seed(key, 4))
    }

    /// One multiply per round: a product's high bits depend on every bit of
    /// its input, so each round keeps the top of `(value ^ key) · C`: the top
    /// `lowBits` bits for `low`, and for `high` the product's high word of
    /// that times the radix (a multiply-shift, uniform below the radix).
    @usableFromInline static let multiplier: UInt64 = 0xbf58_476d_1ce4_e5b9

    /// `high + hash(low)` modulo the radix, by one conditional subtract.
    @inlinable
    func addRound(_ high: UInt64, _ low: UInt64, _ key: UInt64) -> UInt64 {
        let offset = ((low ^ key) &* Self.multiplier).multipliedFullWidth(by: highRadix).high
        let sum = high &+ offset
        return sum >= highRadix ? sum &- highRadix : sum
    }

    /// `low ^ hash(high)`, the hash's top `lowBits` bits.
    @inlinable
    func xorRound(_ low: UInt64, _ high: UInt64, _ key: UInt64) -> UInt64 {
        low ^ (((high ^ key) &* Self.multiplier) &>> (64 &- lowBits))
    }

    @inlinable
    func encrypt(_ value: UInt64) -> UInt64 {
        var high = value >> lowBits
        var low = value & lowMask
        high = addRound(high, low, keys.0)
        low = xorRound(low, high, keys.1)
        high = addRound(high, low, keys.2)
        low = xorRound(low, high, keys.3)
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
