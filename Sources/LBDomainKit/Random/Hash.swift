import CLBDomain

/// Hashing of words into a well-mixed word, for values that must be pure
/// functions of where they are: (seed, entity, slot, ...) chained with `mix`.
public enum Hash {
    /// The splitmix64 finalizer over `a + (b + 1) × golden ratio`: the same
    /// mixing the host uses to derive batch streams (`lb_stream_seed`).
    @inlinable
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        lb_stream_seed(a, b)
    }
}
