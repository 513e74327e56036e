import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Who may visit in a window: a pool of visitors (logged-in users, or
/// returning anonymous browsers) of which each window has a fixed list of
/// *eligible* members, so that no visitor has two sessions at once and none
/// visits more often than its tier allows.
///
/// Windows alternate parity; a visitor belongs to one parity (its rank's low
/// bit), so it is never eligible in two consecutive windows. Members of a
/// parity are split into tiers: tier t holds `sizeRatio^t` shares of them and
/// each member is eligible once every `basePeriod << t` windows of its parity
/// (an *epoch*), in a window of the epoch drawn by a keyed permutation that
/// changes every epoch. Heavy users (tier 0) are few and come back often;
/// the many in the last tier come back 32 times less often.
///
/// `member(window:slot:)` maps slots 0, 1, … of a window to distinct eligible
/// members: slot j falls in the first tier whose eligible count it does not
/// exceed, and is the j-th position of that tier's window in the epoch's
/// permutation. A pure function of (key, window, slot).
struct VisitorPool {
    static let tierCount = 6

    let key: UInt64
    let basePeriod: UInt64
    /// Per parity: tier boundaries over the parity's members (tierCount + 1 each).
    let bounds: [[UInt64]]

    init(count: UInt64, sizeRatio: Double, basePeriod: UInt64, key: UInt64) {
        self.key = key
        self.basePeriod = basePeriod
        let tiers = sizeRatio > 1 ? Self.tierCount : 1
        var shares = [0.0]
        for t in 0..<tiers { shares.append(shares.last! + pow(sizeRatio, Double(t))) }
        var bounds: [[UInt64]] = []
        for parity in 0..<UInt64(2) {
            let members = (count + 1 - parity) / 2
            bounds.append(shares.map { UInt64((Double(members) * $0 / shares.last!).rounded(.down)) })
            bounds[bounds.count - 1][tiers] = members
        }
        self.bounds = bounds
    }

    /// Members eligible in every window, at least (the smaller parity, rounded down).
    var eligiblePerWindow: UInt64 {
        bounds.map { b in
            (0..<(b.count - 1)).reduce(UInt64(0)) { sum, t in
                let n = b[t + 1] - b[t]
                return sum + n / (basePeriod << UInt64(t))
            }
        }.min()!
    }

    /// The rank (0 ..< count) of the member in `slot` of `window`, or nil when
    /// fewer members are eligible.
    @inline(__always)
    func member(window: UInt64, slot: UInt64) -> UInt64? {
        let parity = window & 1
        let round = window >> 1
        let b = bounds[Int(parity)]
        var j = slot
        for t in 0..<(b.count - 1) {
            let n = b[t + 1] - b[t]
            let period = basePeriod << UInt64(t)
            let epoch = round / period
            let offset = round % period
            let start = offset * n / period
            let eligible = (offset + 1) * n / period - start
            if j < eligible {
                let order = IndexPermutation(count: n, key: Hash.mix(Hash.mix(key, UInt64(t) << 1 | parity), epoch))
                return (b[t] + order(start + j)) << 1 | parity
            }
            j -= eligible
        }
        return nil
    }
}
