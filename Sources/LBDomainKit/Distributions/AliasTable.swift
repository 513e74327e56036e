/// Walker's alias method (Vose's construction): an index drawn by given
/// probabilities from one random word with one compare and no branch.
///
/// The outcomes are padded to a power of two of buckets; a word's top bits
/// pick a bucket, which keeps its own index when the word's remaining bits
/// fall below the bucket's threshold and otherwise gives its alias.
/// Probabilities are kept to 2^-(64 - log2 buckets): 2^-56 for 256 buckets.
public struct AliasTable: Sendable {
    /// Per bucket: keep the bucket's index when the word's low bits are below this.
    @usableFromInline let keep: [UInt64]
    @usableFromInline let alias: [UInt32]
    /// 64 - log2(buckets): `word >> shift` is the bucket.
    @usableFromInline let shift: UInt64
    @usableFromInline let fractionMask: UInt64

    /// `probabilities` must be ≥ 0 and sum to 1 (up to rounding).
    public init(probabilities: [Double]) {
        precondition(!probabilities.isEmpty && probabilities.count <= 1 << 32)
        var buckets = 2
        while buckets < probabilities.count { buckets *= 2 }
        let bits = UInt64(buckets.trailingZeroBitCount)
        shift = 64 - bits
        fractionMask = UInt64.max >> bits
        let whole = Double(fractionMask) + 1  // 2^(64 - bits)

        var scaled = (0..<buckets).map { $0 < probabilities.count ? probabilities[$0] * Double(buckets) : 0 }
        var keep = [UInt64](repeating: .max, count: buckets)
        var alias = (0..<buckets).map { UInt32($0) }
        var small = (0..<buckets).filter { scaled[$0] < 1 }
        var large = (0..<buckets).filter { scaled[$0] >= 1 }
        while !small.isEmpty && !large.isEmpty {
            let s = small.removeLast(), l = large.removeLast()
            keep[s] = scaled[s] <= 0 ? 0 : UInt64(scaled[s] * whole)
            alias[s] = UInt32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        // Buckets left on either list hold 1 up to rounding: they keep themselves
        // (threshold .max), unless padding or impossible, which must never be drawn.
        for s in small where s >= probabilities.count || probabilities[s] == 0 {
            keep[s] = 0
            alias[s] = UInt32(probabilities.indices.max { probabilities[$0] < probabilities[$1] }!)
        }
        self.keep = keep
        self.alias = alias
    }

    /// Buckets (a power of two, at least the number of outcomes).
    public var bucketCount: Int { keep.count }

    /// The outcome of one random word.
    @inlinable @inline(__always)
    public func index(_ word: UInt64) -> Int {
        let bucket = Int(truncatingIfNeeded: word &>> shift)
        return keep.withUnsafeBufferPointer { keep in
            alias.withUnsafeBufferPointer { alias in
                word & fractionMask < keep[bucket] ? bucket : Int(alias[bucket])
            }
        }
    }

    /// The probability the table gives `outcome` (for tests).
    public func probability(of outcome: Int) -> Double {
        let whole = Double(fractionMask) + 1
        var total = 0.0
        for bucket in 0..<keep.count {
            let share = keep[bucket] == .max ? 1 : Double(keep[bucket]) / whole
            if bucket == outcome { total += share }
            if Int(alias[bucket]) == outcome { total += 1 - share }
        }
        return total / Double(keep.count)
    }
}
