import LBDomainKit

// Visit windows: which visitor a human session belongs to.
//
// Windows are runs of `windowBlocks` layout blocks, each at least as long in
// event time as the longest human session plus the clock skew on both sides,
// so a session never reaches past the window after its own. A session of
// block b, number k in the block, has slot c = (b mod windowBlocks) ×
// blockSessionCap + k in window b / windowBlocks: distinct sessions of a
// window have distinct slots. A keyed permutation of the window's slots
// spreads them: the first `knownSlots` are logged-in users, the rest
// anonymous; each pool maps its slots to distinct members eligible in the
// window (VisitorPool), and a slot past its pool's eligible members is a new
// visitor. So no visitor has two sessions in a window, none has sessions in
// consecutive windows (pools keep parities apart), and so none has two
// sessions at once.
extension ClickstreamDomain {
    @inline(__always)
    func visitor(session index: UInt64) -> Visitor {
        let block = index / layoutBlock
        let k = index % layoutBlock
        guard k < blockSessionCap else { return .new }
        let window = block / windowBlocks
        let c = (block - window * windowBlocks) * blockSessionCap + k
        let slot = IndexPermutation(count: windowBlocks * blockSessionCap, key: Hash.mix(sessionSalt ^ 0x517_0715, window))(c)
        if slot < knownSlots {
            if let rank = userPool.member(window: window, slot: slot) { return .user(rank: rank) }
            return .new
        }
        if let rank = anonymousPool.member(window: window, slot: slot - knownSlots) { return .returning(rank: rank) }
        return .new
    }

    /// Sessions starting in block `block`: its chains replayed.
    func sessions(inBlock block: UInt64) -> UInt64 {
        var position = 0
        var k: UInt64 = 0
        while position < Int(layoutBlock) {
            position += sessionLength(block * layoutBlock + k, limit: Int(layoutBlock) - position)
            k += 1
        }
        return k
    }
}
