import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One kind of delayed delivery (out-of-order or late) in a device's feed.
///
/// A device's slots are cut into blocks of `size` positions. In block b one
/// packet (inner offset r_b) is taken out of its place and one slot (outer
/// offset q_b) carries a delayed packet: its own block's with `shift` 0
/// (r_b < q_b, q_b − r_b drawn from the delay range), else the one taken out
/// `shift` blocks before. The other slots carry the other packets in order.
/// Each slot and packet maps one-to-one, so the row count is unchanged and
/// both directions are O(1) from hashes of (device, block).
struct DelayLayer {
    let size: UInt64      // N positions a block; 0 = off
    let salt: UInt64

    init(rate: Double, salt: UInt64) {
        size = rate > 0 ? max(2, UInt64(min(1 / rate, 0x1p31).rounded())) : 0
        self.salt = salt
    }

    /// The delays a device's packets can have: `shift` whole blocks, or
    /// (shift 0) `minimum` to `maximum` slots, about log-uniform.
    struct Range {
        var shift: UInt64 = 0
        var minimum: UInt64 = 1
        var maximum: UInt64 = 1
        var log2SpanFixed: UInt64 = 0   // log2(maximum + 1) − log2(minimum), 16.16 fixed point

        /// Delays from `minimum` to `maximum` slots in blocks of `size`:
        /// within a block if they fit, else whole blocks apart.
        init(minimum: UInt64, maximum: UInt64, size: UInt64, pick: Double) {
            let k = size - 1
            self.minimum = max(1, minimum)
            self.maximum = max(self.minimum, maximum)
            if self.maximum <= k {
                log2SpanFixed = UInt64((log2(Double(self.maximum + 1) / Double(self.minimum)) * 65_536).rounded(.down))
            } else {
                // q − r spans −(K − 1) … K: s × N + that stays in the range.
                let low = max(1, (self.minimum + k - 1 + size - 1) / size)
                let high = max(low, self.maximum >= k ? (self.maximum - k) / size : 0)
                shift = low + UInt64(pick * Double(high - low + 1))
            }
        }

        init() {}
    }

    /// (q_b, r_b) of block `block`.
    @inline(__always)
    func plan(_ key: UInt64, _ block: UInt64, _ range: Range) -> (slot: UInt64, taken: UInt64) {
        let h = Hash.mix(key ^ salt, block)
        let k = size - 1
        if range.shift > 0 {
            return (below(h >> 32, size), below(h & 0xffff_ffff, k))
        }
        // About log-uniform: minimum × 2^e, e = span × u in 16.16 fixed point, 2^e as
        // 2^⌊e⌋ × (1 + the fraction): integer steps only on every row.
        let e = (range.log2SpanFixed &* (h >> 48)) >> 16
        let scaled = (range.minimum &* (0x1_0000 + (e & 0xffff))) &<< (e >> 16)
        let delay = min(range.maximum, scaled >> 16)
        let slot = delay + below(h & 0xffff_ffff, k - delay + 1)
        return (slot, slot - delay)
    }

    /// A 32-bit hash scaled to 0 ..< bound (bound < 2^32): a multiply, not a division.
    @inline(__always)
    func below(_ word: UInt64, _ bound: UInt64) -> UInt64 {
        (word &* bound) >> 32
    }

    /// Outer position → inner position, and whether it is a delayed slot.
    @inline(__always)
    func forward(_ key: UInt64, _ outer: UInt64, _ range: Range) -> (inner: UInt64, delayed: Bool) {
        let block = outer / size
        let j = outer - block * size
        let (slot, taken) = plan(key, block, range)
        if j == slot {
            if range.shift == 0 { return (block * size + taken, true) }
            let source = block - range.shift
            return (source * size + plan(key, source, range).taken, true)
        }
        let rank = j > slot ? j - 1 : j
        return (block * size + (rank >= taken ? rank + 1 : rank), false)
    }

    /// Inner position → the outer position that carries it in order, or nil
    /// when the packet there is taken out (and delivered late).
    @inline(__always)
    func inverse(_ key: UInt64, _ inner: UInt64, _ range: Range) -> UInt64? {
        let block = inner / size
        let j = inner - block * size
        let (slot, taken) = plan(key, block, range)
        if j == taken { return nil }
        let rank = j > taken ? j - 1 : j
        return block * size + (rank >= slot ? rank + 1 : rank)
    }
}
