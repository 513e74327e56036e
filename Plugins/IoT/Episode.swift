import LBDomainKit

// Planted anomalies, a pure function of (run seed, device, window).
extension IoTDomain {
    struct Episode {
        var kind: Anomaly
        var start: UInt64   // first transmission
        var offline: Bool
    }

    /// The anomaly episode covering transmission `t`, if any.
    @inline(__always)
    func episode(_ device: Device, _ t: UInt64) -> Episode? {
        guard episodeChance > 0 else { return nil }
        let window = t / anomalyWindow
        var r = RandomStream(seed: Hash.mix(device.key ^ Salt.anomaly, window))
        guard r.unit() < episodeChance else { return nil }
        let kind = anomalyKinds.pick(&r)
        let length: UInt64
        switch kind {
        case 0: length = 1 + r.next(below: 3)          // spike: 1-3 readings
        case 1: length = 10 + r.next(below: 51)        // stuck: 10-60
        default: length = 5 + r.next(below: 26)        // dropout: 5-30
        }
        let start = window * anomalyWindow + r.next(below: anomalyWindow - length + 1)
        guard t >= start && t < start + length else { return nil }
        return Episode(kind: Anomaly(rawValue: kind + 1)!, start: start, offline: r.next() & 1 == 0)
    }
}
