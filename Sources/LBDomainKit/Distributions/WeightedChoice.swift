/// Picks an index with given weights: one draw and a short scan over
/// 64-bit thresholds, exact to 2^-64. A guide table on the draw's top byte
/// starts the scan at the first index the draw can land on, so a pick takes
/// about one comparison whatever the number of weights.
public struct WeightedChoice: Sendable {
    @usableFromInline let thresholds: [UInt64]
    /// guide[b]: the first index whose threshold is above b << 56.
    @usableFromInline let guide: [Int32]
    /// The weights over their sum.
    public let probabilities: [Double]

    /// `weights` need not sum to 1; they must be finite, ≥ 0, with a positive sum.
    public init(weights: [Double]) {
        precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 && $0.isFinite })
        let total = weights.reduce(0, +)
        precondition(total > 0)
        probabilities = weights.map { $0 / total }
        var cumulative = 0.0
        var thresholds: [UInt64] = []
        for weight in weights.dropLast() {
            cumulative += weight / total
            thresholds.append(cumulative >= 1 ? .max : UInt64(cumulative * 0x1.0p64))
        }
        thresholds.append(.max)
        self.thresholds = thresholds
        var guide: [Int32] = []
        var index = 0
        for top in UInt64(0)..<256 {
            while index < thresholds.count - 1 && thresholds[index] <= top << 56 { index += 1 }
            guide.append(Int32(index))
        }
        self.guide = guide
    }

    public var count: Int { thresholds.count }

    @inlinable @inline(__always)
    public func pick(_ random: inout RandomStream) -> Int {
        let draw = random.next()
        let start = guide.withUnsafeBufferPointer { Int($0[Int(truncatingIfNeeded: draw >> 56)]) }
        return thresholds.withUnsafeBufferPointer { t in
            var index = start
            let last = t.count - 1
            while index < last && draw >= t[index] { index += 1 }
            return index
        }
    }
}
