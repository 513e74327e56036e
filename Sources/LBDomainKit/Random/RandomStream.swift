import CLBDomain

/// A fast, splittable pseudo-random stream (wyrand: a 64-bit counter mixed by
/// a 128-bit multiply). Streams are cheap: make one per column or purpose
/// from `Batch.stream(_:)` or `RandomStream(entity:seed:salt:)` so that every
/// value depends only on where it is, never on what was drawn before it
/// elsewhere.
public struct RandomStream {
    @usableFromInline var state: UInt64

    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// The stream of one entity (customer, device, user): the same in every
    /// file and on every node, since it depends on the run seed and id alone.
    /// `salt` separates attributes that must not correlate.
    @inlinable
    public init(entity id: UInt64, seed: UInt64, salt: UInt64) {
        state = lb_stream_seed(lb_stream_seed(seed, salt), id)
    }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0xa076_1d64_78bd_642f
        let product = state.multipliedFullWidth(by: state ^ 0xe703_7ed1_a0b4_28db)
        return product.high ^ product.low
    }

    /// Uniform in `0 ..< bound` (Lemire's multiply-shift, unbiased). The
    /// common case inlines; the rare rejection step does not.
    @inlinable
    public mutating func next(below bound: UInt64) -> UInt64 {
        let product = next().multipliedFullWidth(by: bound)
        if product.low >= bound { return product.high }
        return next(below: bound, rejecting: product)
    }

    @usableFromInline
    mutating func next(below bound: UInt64, rejecting first: (high: UInt64, low: UInt64)) -> UInt64 {
        var product = first
        let threshold = (0 &- bound) % bound
        while product.low < threshold {
            product = next().multipliedFullWidth(by: bound)
        }
        return product.high
    }

    /// Uniform in `range`.
    @inlinable
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound &+ Int(truncatingIfNeeded: next(below: UInt64(range.upperBound &- range.lowerBound) &+ 1))
    }

    /// Uniform in [0, 1), 53 random bits.
    @inlinable
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A word's top 53 bits as a double in [0, 1), for values hashed rather than drawn.
    @inlinable
    public static func unit(from word: UInt64) -> Double {
        Double(word >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    @inlinable
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// Fills `count` bytes at `destination` with random bytes.
    @inlinable
    public mutating func fill(_ destination: UnsafeMutableRawPointer, count: Int) {
        var offset = 0
        while offset + 8 <= count {
            destination.storeBytes(of: next(), toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        if offset < count {
            var last = next()
            while offset < count {
                destination.storeBytes(of: UInt8(truncatingIfNeeded: last), toByteOffset: offset, as: UInt8.self)
                last >>= 8
                offset += 1
            }
        }
    }
}
