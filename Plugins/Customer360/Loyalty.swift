import CLBDomain
import LBDomainKit

/// Loyalty belongs to the customer: membership and tier derive from (run
/// seed, customer id) alone, the same in every file and on every node. Ids
/// are Zipf draws, so the first 65,536 customers make nearly every row
/// (99.7% at alpha 1.5): theirs are worked out once, at open, into a 64 KiB
/// table; the rest are worked out when met.
struct Loyalty {
    static let tableSize = 1 << 16
    /// Keeps the loyalty stream apart from other per-customer streams.
    static let salt: UInt64 = 0x10ca1
    /// Table value of a customer who is not a member.
    private static let none: UInt8 = 0xFF

    private let key: UInt64
    private let membershipRatio: Double
    private let tiers: Categorical
    /// Per customer id: the tier's index, or `none`.
    private let table: [UInt8]

    init(seed: UInt64, membershipRatio: Double, tiers: Categorical, customers: UInt64) {
        precondition(tiers.names.count < Int(Self.none))
        key = lb_stream_seed(seed, Self.salt)
        self.membershipRatio = membershipRatio
        self.tiers = tiers
        var table: [UInt8] = []
        table.reserveCapacity(Self.tableSize)
        for customer in 0..<min(customers, UInt64(Self.tableSize)) {
            table.append(Self.tier(customer, key: key, membershipRatio: membershipRatio, tiers: tiers).map(UInt8.init) ?? Self.none)
        }
        self.table = table
    }

    /// The customer's tier index, or nil when not a member.
    @inline(__always)
    func tier(of customer: UInt64) -> Int? {
        if customer < UInt64(table.count) {
            let entry = table.withUnsafeBufferPointer { $0[Int(customer)] }
            return entry == Self.none ? nil : Int(entry)
        }
        return Self.tier(customer, key: key, membershipRatio: membershipRatio, tiers: tiers)
    }

    /// = RandomStream(entity: customer, seed: seed, salt: Self.salt): a member
    /// with probability membershipRatio, then a tier by the tiers' weights.
    private static func tier(_ customer: UInt64, key: UInt64, membershipRatio: Double, tiers: Categorical) -> Int? {
        var random = RandomStream(seed: lb_stream_seed(key, customer))
        return random.chance(membershipRatio) ? tiers.pick(&random) : nil
    }
}
