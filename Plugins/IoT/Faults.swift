import LBDomainKit

// Faults of fleets (all off by default): site-wide gateway outages and
// sequence counters that restart on reboots and firmware upgrades. Each is a
// pure function of (run seed, site or device, time or transmission).
extension IoTDomain {
    /// Whether `site`'s gateway is down at `micros`: each (site, day) has an
    /// outage of 10-120 minutes with `outageChance`, starting anywhere in
    /// the day (so one may run past midnight).
    @inline(__always)
    func inOutage(site: UInt32, micros: Double) -> Bool {
        let sinceStart = micros - Double(startMicros)
        let day = (sinceStart / 86_400_000_000).rounded(.down)
        for d in [day - 1, day] where d >= 0 {
            var r = RandomStream(seed: Hash.mix(Hash.mix(seed ^ Salt.outage, UInt64(site)), UInt64(d)))
            guard r.unit() < outageChance else { continue }
            let start = (d + r.unit()) * 86_400_000_000
            let length = (10 + 110 * r.unit()) * 60_000_000
            if sinceStart >= start && sinceStart < start + length { return true }
        }
        return false
    }

    /// The sequence number of transmission `t`: the device's counter, which
    /// restarts at 0 at its last reboot or firmware upgrade before `t`.
    /// Reboots: each day's worth of transmissions (`rebootBlock`) holds one
    /// with `rebootChance`, at a hashed position; the search looks back at
    /// most 64 days.
    @inline(__always)
    func sequenceNumberOf(_ device: Device, _ t: UInt64) -> UInt64 {
        var restart: UInt64? = t >= device.upgradeAt ? device.upgradeAt : nil
        if t >= device.joinedAt { restart = max(restart ?? 0, device.joinedAt) }
        if device.rebootBlock > 0 {
            var block = t / device.rebootBlock
            for _ in 0..<64 {
                var r = RandomStream(seed: Hash.mix(device.key ^ Salt.reboot, block))
                if r.unit() < rebootChance {
                    let at = block * device.rebootBlock + r.next(below: device.rebootBlock)
                    if at <= t {
                        restart = max(restart ?? 0, at)
                        break
                    }
                }
                // An upgrade in this block is later than any reboot before it.
                if let found = restart, found >= block * device.rebootBlock { break }
                if block == 0 { break }
                block -= 1
            }
        }
        if let restart { return t - restart }
        return UInt64(device.sequenceStart) + t
    }
}
