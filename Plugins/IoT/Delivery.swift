import LBDomainKit

// Which packet a device's arrival slot carries, and where a packet would
// have arrived had nothing delayed it (see the header of IoTDomain.swift).
extension IoTDomain {
    /// Arrival slot (the device's own count, offset by its `origin`) →
    /// received packet, and whether the slot carries a packet out of its
    /// place: late, out of order, or a re-send.
    @inline(__always)
    func deliver(_ device: Device, _ arrival: UInt64) -> (received: UInt64, displaced: Bool) {
        var x = arrival
        var displaced = false
        if late.size > 0 {
            let (inner, delayed) = late.forward(device.key, x, device.lateRange)
            x = inner
            displaced = delayed
        }
        if outOfOrder.size > 0 {
            let (inner, delayed) = outOfOrder.forward(device.key, x, outOfOrderRange)
            x = inner
            displaced = displaced || delayed
        }
        if dupBlock > 0 {
            // One re-send per block of T2 + 1 slots, right after its packet.
            let block = x / (dupBlock + 1)
            let j = x % (dupBlock + 1)
            let position = Hash.mix(device.key ^ Salt.dup, block) % dupBlock
            if j <= position {
                x = block * dupBlock + j
            } else if j == position + 1 {
                x = block * dupBlock + position
                displaced = true
            } else {
                x = block * dupBlock + j - 1
            }
        }
        return (x, displaced)
    }

    /// The arrival slot (offset by `origin`) of received packet `received`
    /// in order: its own slot, or, for a packet taken out to arrive late,
    /// `before` a slot before the packet that took its place, so the
    /// device's event times follow its sequence numbers.
    @inline(__always)
    func naturalArrival(_ device: Device, _ received: UInt64) -> (slot: UInt64, before: Double) {
        var x = received
        if dupBlock > 0 {
            let block = x / dupBlock
            let j = x % dupBlock
            let position = Hash.mix(device.key ^ Salt.dup, block) % dupBlock
            x = block * (dupBlock + 1) + (j <= position ? j : j + 1)
        }
        var before = 0.0
        if outOfOrder.size > 0 {
            if let outer = outOfOrder.inverse(device.key, x, outOfOrderRange) {
                x = outer
            } else {
                // The next packet is in order: a taken packet is never the last of its block.
                x = outOfOrder.inverse(device.key, x + 1, outOfOrderRange)!
                before += 0.25
            }
        }
        if late.size > 0 {
            if let outer = late.inverse(device.key, x, device.lateRange) {
                x = outer
            } else {
                x = late.inverse(device.key, x + 1, device.lateRange)!
                before += 0.5
            }
        }
        return (x, before)
    }
}
