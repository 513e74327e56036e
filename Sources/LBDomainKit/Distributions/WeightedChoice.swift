/// Picks an index with given weights: one draw and a short scan over
/// 64-bit thresholds, exact to 2^-64.
public struct WeightedChoice: Sendable {
    @usableFromInline let thresholds: [UInt64]

    /// `weights` need not sum to 1; they must be finite, ≥ 0, with a positive sum.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 && $0.isFinite })
        let total = weights.reduce(0, +)
        precondition(total > 0)
        var cumulative = 0.0
        var thresholds: [UInt64] = []
        for weight in weights.dropLast() {
            cumulative += weight / total
            thresholds.append(cumulative >= 1 ? .max : UInt64(cumulative * 0x1.0p64))
        }
        thresholds.append(.max)
        self.thresholds = thresholds
    }

    public var count: Int { thresholds.count }

    @inlinable
    public func pick(_ random: inout RandomStream) -> Int {
        let draw = random.next()
        return thresholds.withUnsafeBufferPointer { t in
            var index = 0
            let last = t.count - 1
            while index < last && draw >= t[index] { index += 1 }
            return index
        }
    }
}
