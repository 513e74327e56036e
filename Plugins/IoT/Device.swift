/// Per-device attributes: a pure function of (run seed, device id).
struct Device {
    var key: UInt64            // hash of (seed, id): keys every per-device hash
    var site: UInt32
    var type: UInt8
    var firmware: UInt8
    var packets: UInt32        // packets per cycle of cycle_ticks ticks
    var packetMicros: Double   // nominal time between its packets
    var lossBlock: UInt64      // transmissions per loss block, 0 = no loss
    var lossBurst: UInt64      // consecutive transmissions lost in each block
    var timeScale: Double      // keeps its transmissions in pace with its arrivals
    var onBattery: Bool
    var rssiBase: Int32
    var phase: Double          // 0 ..< 1: where in its interval the device samples
    var latitude: Double
    var longitude: Double
    var base: Double           // the device's own mean (physical units, °C for temperature)
    var amplitude: Double
    var driftPerDay: Double
    var noise: Double
    var batteryPhaseDays: Double   // days since its last battery swap at the run's start
    var drainPerDay: Double        // % per day
    var sequenceStart: Int64
    // Faults (all off by default).
    var clock: ClockFault = .none
    var clockOffset: Double = 0    // µs the device clock is ahead (or since boot, for .epoch)
    var clockDrift: Double = 0     // fraction the device clock gains per unit of time
    var upgradeAt: UInt64 = .max   // first transmission on the new firmware
    var rebootBlock: UInt64 = 0    // transmissions per reboot window (a day), 0 = no reboots
    var lifetimeDays: Double = 0   // a device's life at this mount (device_lifetime_days), 0 = forever
    var lifeOffsetDays: Double = 0 // how far into its life the first device is at the start
    var joinedAt: UInt64 = .max    // first transmission of a replacement device
    // Delivery (Delivery.swift).
    var lateRange = DelayLayer.Range()
    var origin: UInt64 = 0         // arrival slots before the run's first (late packets from before it)

    var isLegacy: Bool { firmware == 0 }
}

/// What is wrong with a device's clock (clock_fault_ratio).
enum ClockFault: UInt8 {
    case none, epoch, future, drift
}
