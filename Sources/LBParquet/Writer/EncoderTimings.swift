import LBSync

/// Where an encoder's time went, summed over its pages: building page bodies
/// (levels, dictionary, PLAIN, statistics) vs compressing them.
public struct EncoderTimings: Sendable, Hashable {
    public var encodeNanoseconds: UInt64 = 0
    public var compressNanoseconds: UInt64 = 0

    public init() {}

    /// Monotonic clock reading, cheap enough to take twice per page.
    @inline(__always)
    static func now() -> UInt64 { Clock.nanoseconds() }
}
