import LBDomainKit

// Fleet churn (device_lifetime_days, off by default): each device's mount
// (its place in the feed: site, position, type and reporting rate) gets a
// new device at the end of the old one's life. Lifetimes are 0.5× to 1.5×
// the parameter per mount, staggered by a per-mount offset, so generation
// n of mount m covers a fixed span of time and the device sending
// transmission t is a pure function of (seed, mount, t). Replacement n of
// mount m has id m + n × devices, a new key (so its own noise, anomalies
// and calibration), the newest firmware, a full battery and a counter that
// starts at 0 when it joins.
extension IoTDomain {
    @inline(__always)
    func occupant(_ mount: Device, id: UInt64, t: UInt64) -> (Device, UInt64) {
        let days = (nominalTime(mount, t) - Double(startMicros)) / 86_400_000_000
        let generation = ((days + mount.lifeOffsetDays) / mount.lifetimeDays).rounded(.down)
        guard generation >= 1 else { return (mount, id) }
        let number = id + UInt64(generation) * UInt64(devices.count)
        var r = RandomStream(entity: number, seed: seed, salt: Salt.churn)
        var device = mount
        device.key = r.next()
        let model = SensorType.models[Int(device.type)]
        device.base = model.mean + model.spread * Normal.quickStandard(r.next())
        if device.type == UInt8(SensorType.vibration.rawValue) || device.type == UInt8(SensorType.power.rawValue) {
            device.base = max(model.mean * 0.2, device.base)
        }
        device.firmware = UInt8(firmwareNames.count - 1)
        device.upgradeAt = .max
        let joinDays = generation * mount.lifetimeDays - mount.lifeOffsetDays
        device.batteryPhaseDays = -joinDays
        let joinPackets = (joinDays * 86_400_000_000 / mount.packetMicros - mount.phase + Double(mount.origin)) / mount.timeScale
        device.joinedAt = UInt64(max(0, joinPackets.rounded(.up)))
        return (device, number)
    }
}

/// Decimal digits of `value`.
func decimalDigits(_ value: UInt64) -> Int {
    var digits = 1
    var power: UInt64 = 10
    while digits < 20 && value >= power { digits += 1; power &*= 10 }
    return digits
}
