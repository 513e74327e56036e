// The `iot` domain: sensor telemetry with the faults real fleets have.
//
// How rows are laid out, and why no batch needs another batch's state
// ---------------------------------------------------------------------
// Time is cut into ticks of `reading_interval_s` (60 s) and cycles of C
// ticks (the least common multiple of the reporting periods). In every cycle
// each device sends `packets` packets: C / period for an ordinary device
// reading every `period` ticks (reporting_period_mix), C × chatty_factor for
// a chatty one, so a cycle holds R = Σ packets rows. A table built at open
// lists those R (device, k) pairs ordered by when in the cycle they fall
// (each device has its own phase), so a file reads like a gateway's feed:
// all devices interleaved, time advancing. Global row g = file_id ×
// rows_per_file + row maps to cycle m = g / R and slot p = g % R →
// (device d, k), to the device's arrival slot a = m × packets + k, and to
// the time the gateway receives it: the slot's time, so ingest_timestamp
// never decreases with the row number and files hold rows in arrival order,
// in ingest windows that follow the file ids without overlapping.
//
// Which packet slot a carries, per device, from a alone (Delivery.swift):
//
//   late slots (DelayLayer): slots come in blocks of N = 1 / late_rate; in
//     each block one packet is taken out of its place and one slot carries a
//     late packet, 15 minutes to late_max_hours after its place: its own
//     block's when that fits, else the one taken `shift` blocks before (a
//     per-device number; fast devices). Other slots carry the other packets
//     in order. Slots count from a per-device `origin`, so every window of
//     the run sees its share of late slots and the first ones carry packets
//     from before the run.
//   out-of-order slots: the same with N = 1 / out_of_order_rate and delays
//     of 1 to 10 slots.
//   re-sends: blocks of T2 + 1 slots holding T2 distinct packets, one of them
//     twice (the copy right after it: same device, sequence_number, event
//     time and value). T2 + 1 = 1 / duplicate_rate.
//   received → transmission: transmissions come in blocks of T1 of which a
//     burst of L consecutive ones is lost, so sequence numbers have gaps. L
//     (1 to packet_loss_burst) and L / T1 (the device's loss rate, higher for
//     weak signals) are the device's own.
//   Every position above is a hash of (run seed, device, block): O(1) per
//     row, no counters, and each map has an O(1) inverse.
//
// A packet's event time is the time of the slot it holds in order (found
// through the inverses) minus a network lag of its own, under a quarter of
// the device's slot; a packet taken out to arrive later is sampled a
// fraction of a slot before the packet that took its place. So event times
// follow sequence numbers, a re-send repeats its original's, and a late row's
// lag is the distance to its late slot. Physical values follow transmission
// t at timestamp_start + (phase + t × c − origin) × C × interval / packets,
// c = (T1 - L) / T1 × (T2 + 1) / T2, which keeps pace with the slots.
//
// Everything a reading carries (event time, value, anomaly, battery, rssi,
// position jitter) is a function of (run seed, device, transmission), so a
// duplicate is a true re-send and a row never depends on rows before it;
// nothing comes from the batch's own streams. Device attributes (site, type, location,
// firmware, power source, chattiness, drift, battery curve) come from
// (run seed, device id) alone, so every file and node agrees.
//
// Anomalies: transmissions are cut into windows of W per device; a window
// holds at most one episode (spike, stuck-at run, dropout), its presence,
// kind, length and start hashed from (seed, device, window). A row is an
// anomaly when its transmission falls inside the episode; is_anomaly is that
// ground truth. Stuck runs repeat the value the sensor read at the episode's
// first transmission; dropouts have a null value (status fault or offline,
// quality_flag missing).

import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public struct IoTDomain: Domain {
    public static let name = "iot"
    public static let version = "3.0.0"
    public static let summary = "Sensor telemetry: per-device time series with drift, planted anomalies, packet loss, re-sends, late data and a legacy °F firmware"
    public static let defaultPrefix = "iot/readings"

    public static let parameters: [ParameterSpec] = [
        ParameterSpec("devices", default: "1000", "number of devices (Lakebench: 1,000 per scale unit)"),
        ParameterSpec("sites", default: "50", "number of sites devices are spread over (skewed: low site ids are bigger)"),
        ParameterSpec("timestamp_start", default: "2024-01-01", "first tick, UTC midnight; time advances with row number"),
        ParameterSpec("reading_interval_s", default: "60", "seconds between readings of an ordinary device"),
        ParameterSpec("sensor_type_weights", default: "temperature:0.30,humidity:0.20,pressure:0.15,vibration:0.20,power:0.15", "mix of sensor types over devices"),
        ParameterSpec("chatty_ratio", default: "0.05", "fraction of devices that report chatty_factor times as often"),
        ParameterSpec("chatty_factor", default: "10", "readings per interval of a chatty device (1-60)"),
        ParameterSpec("reporting_period_mix", default: "1:0.8,2:0.1,5:0.07,15:0.03", "weights of ordinary devices reading every N intervals (N up to 60; their least common multiple at most 120)"),
        ParameterSpec("battery_ratio", default: "0.6", "fraction of battery-powered devices (the rest are mains-powered: battery_pct null)"),
        ParameterSpec("battery_drain_pct_per_day", default: "0.8", "mean battery drain, % per day (per device 0.25×-2.5× this)"),
        ParameterSpec("legacy_firmware_ratio", default: "0.08", "fraction of devices on firmware 1.4.2, whose temperature readings are in °F with unit F"),
        ParameterSpec("packet_loss_rate", default: "0.01", "mean fraction of transmissions lost (gaps in sequence_number); per device it varies, higher for weak signals"),
        ParameterSpec("packet_loss_burst", default: "3", "longest run of consecutive lost packets (1 = isolated losses); a device loses bursts of 1 to this many"),
        ParameterSpec("duplicate_rate", default: "0.005", "fraction of rows that are re-sent duplicates (same device and sequence_number)"),
        ParameterSpec("out_of_order_rate", default: "0.01", "fraction of rows delayed 1-10 intervals, arriving after later packets"),
        ParameterSpec("late_rate", default: "0.002", "fraction of rows arriving late, 15 minutes to late_max_hours after the event"),
        ParameterSpec("late_max_hours", default: "6", "longest delay of a late row, hours"),
        ParameterSpec("anomaly_rate", default: "0.01", "expected fraction of readings inside planted anomalies"),
        ParameterSpec("anomaly_mix", default: "spike:0.4,stuck:0.35,dropout:0.25", "weights of anomaly episode kinds"),
        ParameterSpec("drift_scale", default: "1.0", "multiplier of per-device sensor drift"),
        ParameterSpec("noise_scale", default: "1.0", "multiplier of reading noise"),
        ParameterSpec("daily_cycle_scale", default: "1.0", "multiplier of the daily cycle amplitude"),
        ParameterSpec("clock_fault_ratio", default: "0", "fault: share of devices whose clock is wrong, a third each: reset to 1970 (time since boot), set 1 to 400 days ahead, or drifting 100 to 2,000 ppm; ingest_timestamp stays right"),
        ParameterSpec("gateway_outage_rate", default: "0", "fault: outages per site per week; each lasts 10 to 120 minutes and every device of the site reports offline (labelled anomalies)"),
        ParameterSpec("reboot_rate", default: "0", "fault: reboots per device per 30 days; the sequence counter restarts at 0"),
        ParameterSpec("sequence_bits", default: "64", "fault: width of the sequence counter; below 64 it wraps (16: after 65,535 comes 0)"),
        ParameterSpec("firmware_rollout_ratio", default: "0", "fault: share of devices upgraded to the newest firmware during the run; the upgrade restarts the sequence counter and legacy °F devices report °C after it"),
        ParameterSpec("firmware_rollout_days", default: "14", "days from timestamp_start over which the upgrades are spread"),
        ParameterSpec("device_lifetime_days", default: "0", "fault: fleet churn; each device is replaced at the end of a life of 0.5× to 1.5× this many days by a new one (new id, newest firmware, full battery, counter from 0) at the same place (0 = devices stay)"),
        ParameterSpec("estimated_ratio", default: "0.005", "fraction of readings the firmware interpolated (quality_flag estimated)"),
    ]

    // Run-wide, read-only state.
    let seed: UInt64
    let devices: [Device]
    let grid: [UInt64]            // per slot of a cycle: device << 16 | k
    let cycleRows: UInt64         // R
    let startMicros: Int64
    let intervalMicros: Double
    let cycleMicros: Double       // C ticks
    let dupBlock: UInt64          // T2, 0 = no duplicates
    let late: DelayLayer
    let outOfOrder: DelayLayer
    let outOfOrderRange: DelayLayer.Range
    /// A packet's network lag is below this share of its device's slot, so
    /// its event time stays between its neighbours' (see Delivery.swift).
    let maxLagFraction = 0.24
    let anomalyWindow: UInt64
    let episodeChance: Double
    let anomalyKinds: WeightedChoice
    let estimatedRatio: Double
    let dailyScale: Double
    let noiseScale: Double
    let outageChance: Double      // per site and day
    let rebootChance: Double      // per device and day
    let sequenceMask: UInt64
    let lifetimeDays: Double
    let deviceDigits: Int
    let siteDigits: Int
    /// The schema's columns, resolved by name and type at open.
    let column: Columns

    public init(parameters: Parameters, seed: UInt64) throws {
        column = try Columns()
        self.seed = seed
        let deviceCount = try parameters.int("devices", in: 1...5_000_000)
        let siteCount = try parameters.int("sites", in: 1...1_000_000)
        let start = try parameters.date("timestamp_start")
        let intervalSeconds = try parameters.int("reading_interval_s", in: 1...86_400)
        let typeWeights = try parameters.weights("sensor_type_weights", labels: SensorType.names)
        let chattyRatio = try parameters.double("chatty_ratio", in: 0...1)
        let chattyFactor = try parameters.int("chatty_factor", in: 1...60)
        let periodMix = try parameters.weights("reporting_period_mix")
        var periods: [Int] = []
        for entry in periodMix {
            guard let period = Int(entry.label), (1...60).contains(period) else {
                throw ParameterError("parameter reporting_period_mix: '\(entry.label)' is not a number of intervals from 1 to 60")
            }
            periods.append(period)
        }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let cycleTicks = zip(periods, periodMix).filter { $0.1.weight > 0 }.map(\.0).reduce(1) { $0 / gcd($0, $1) * $1 }
        guard cycleTicks <= 120 else {
            throw ParameterError("parameter reporting_period_mix: the periods' least common multiple is \(cycleTicks) intervals, more than 120")
        }
        let batteryRatio = try parameters.double("battery_ratio", in: 0...1)
        let drain = try parameters.double("battery_drain_pct_per_day", in: 0...100)
        let legacyRatio = try parameters.double("legacy_firmware_ratio", in: 0...1)
        let lossRate = try parameters.double("packet_loss_rate", in: 0...0.5)
        let lossBurstMax = try parameters.int("packet_loss_burst", in: 1...60)
        let dupRate = try parameters.double("duplicate_rate", in: 0...0.5)
        let outOfOrderRate = try parameters.double("out_of_order_rate", in: 0...1)
        let lateRate = try parameters.double("late_rate", in: 0...1)
        let lateMaxHours = try parameters.double("late_max_hours", in: 0.5...720)
        let anomalyRate = try parameters.double("anomaly_rate", in: 0...0.5)
        let mix = try parameters.weights("anomaly_mix", labels: ["spike", "stuck", "dropout"])
        let driftScale = try parameters.double("drift_scale", in: 0...1000)
        noiseScale = try parameters.double("noise_scale", in: 0...1000)
        dailyScale = try parameters.double("daily_cycle_scale", in: 0...1000)
        estimatedRatio = try parameters.double("estimated_ratio", in: 0...1)
        let clockFaultRatio = try parameters.double("clock_fault_ratio", in: 0...1)
        outageChance = min(1, try parameters.double("gateway_outage_rate", in: 0...7) / 7)
        rebootChance = min(1, try parameters.double("reboot_rate", in: 0...30) / 30)
        let sequenceBits = try parameters.int("sequence_bits", in: 8...64)
        sequenceMask = sequenceBits == 64 ? .max : (1 << UInt64(sequenceBits)) - 1
        let rolloutRatio = try parameters.double("firmware_rollout_ratio", in: 0...1)
        let rolloutDays = try parameters.double("firmware_rollout_days", in: 0.001...3650)
        lifetimeDays = try parameters.double("device_lifetime_days", in: 0...36_500)
        guard lifetimeDays == 0 || lifetimeDays >= 0.001 else {
            throw ParameterError("parameter device_lifetime_days: expected 0 or at least 0.001, got \(lifetimeDays)")
        }
        guard outOfOrderRate + lateRate <= 1 else {
            throw ParameterError("parameters out_of_order_rate + late_rate must not exceed 1")
        }

        startMicros = start.microsecondsSinceEpoch
        intervalMicros = Double(intervalSeconds) * 1_000_000
        cycleMicros = intervalMicros * Double(cycleTicks)
        late = DelayLayer(rate: lateRate, salt: Salt.late)
        outOfOrder = DelayLayer(rate: outOfOrderRate, salt: Salt.outOfOrder)
        outOfOrderRange = outOfOrder.size > 0
            ? DelayLayer.Range(minimum: 1, maximum: min(10, outOfOrder.size - 1), size: outOfOrder.size, pick: 0)
            : DelayLayer.Range()
        deviceDigits = max(6, String(deviceCount - 1).count)
        siteDigits = max(4, String(siteCount - 1).count)

        // Loss and re-send blocks (see the header comment).
        dupBlock = dupRate > 0 ? max(1, UInt64((1 / dupRate - 1).rounded())) : 0
        let dupScale = dupBlock > 0 ? Double(dupBlock + 1) / Double(dupBlock) : 1

        // Anomaly windows: one episode at most per window of W transmissions,
        // present with the chance that gives anomaly_rate on average.
        let meanLength = (mix[0].weight * 2 + mix[1].weight * 35 + mix[2].weight * 17.5)
            / (mix[0].weight + mix[1].weight + mix[2].weight)
        if anomalyRate > 0 {
            let window = min(4096.0, max(128.0, 0.5 * meanLength / anomalyRate))
            anomalyWindow = UInt64(window)
            episodeChance = min(1, anomalyRate * window / meanLength)
        } else {
            anomalyWindow = 4096
            episodeChance = 0
        }
        anomalyKinds = WeightedChoice(weights: mix.map(\.weight))

        // Devices: each from (seed, id) alone.
        let typeChoice = WeightedChoice(weights: typeWeights.map(\.weight))
        let firmwareChoice = WeightedChoice(weights: modernFirmwareWeights)
        let periodChoice = WeightedChoice(weights: periodMix.map(\.weight))
        var devices: [Device] = []
        devices.reserveCapacity(deviceCount)
        for id in 0..<deviceCount {
            var r = RandomStream(entity: UInt64(id), seed: seed, salt: Salt.device)
            let key = r.next()
            let type = typeChoice.pick(&r)
            let model = SensorType.models[type]
            let site = UInt32(min(Double(siteCount - 1), (Double(siteCount) * pow(r.unit(), 1.6)).rounded(.down)))
            var s = RandomStream(entity: UInt64(site), seed: seed, salt: Salt.site)
            let city = siteCities[Int(s.next(below: UInt64(siteCities.count)))]
            let siteLat = city.0 + (s.unit() - 0.5) * 0.1
            let siteLon = city.1 + (s.unit() - 0.5) * 0.1
            let legacy = r.chance(legacyRatio)
            let firmware = legacy ? 0 : 1 + firmwareChoice.pick(&r)
            let chatty = r.chance(chattyRatio)
            let onBattery = r.chance(batteryRatio)
            let drainRate = drain * (0.25 + 2.25 * r.unit() * r.unit())
            let rssiBase = Int32(-52 - Int(r.next(below: 44)))
            let packets = chatty ? cycleTicks * chattyFactor : cycleTicks / periods[periodChoice.pick(&r)]
            // Loss: weaker signals lose more (0.4× to 1.6× the fleet rate,
            // times a log-normal device factor of mean 1), in bursts.
            let weakness = Double(-52 - rssiBase) / 43
            let deviceLoss = min(0.5, lossRate * (0.4 + 1.2 * weakness) * exp(0.5 * Normal.quickStandard(r.next()) - 0.125))
            let burst = 1 + r.next(below: UInt64(lossBurstMax))
            let lossBlock = deviceLoss > 0 ? max(burst + 1, UInt64((Double(burst) / deviceLoss).rounded())) : 0
            let lossScale = lossBlock > 0 ? Double(lossBlock - burst) / Double(lossBlock) : 1
            var device = Device(
                key: key,
                site: site,
                type: UInt8(type),
                firmware: UInt8(firmware),
                packets: UInt32(packets),
                packetMicros: intervalMicros * Double(cycleTicks) / Double(packets),
                lossBlock: lossBlock,
                lossBurst: lossBlock > 0 ? burst : 0,
                timeScale: lossScale * dupScale,
                onBattery: onBattery,
                rssiBase: rssiBase,
                phase: r.unit(),
                latitude: siteLat + (r.unit() - 0.5) * 0.006,
                longitude: siteLon + (r.unit() - 0.5) * 0.006,
                base: model.mean + model.spread * Normal.quickStandard(r.next()),
                amplitude: model.amplitude * (0.6 + 0.8 * r.unit()),
                driftPerDay: model.drift * driftScale * Normal.quickStandard(r.next()),
                noise: model.noise * (0.7 + 0.6 * r.unit()),
                batteryPhaseDays: 0,
                drainPerDay: drainRate,
                sequenceStart: Int64(r.next(below: 5_000_000)))
            if type == SensorType.vibration.rawValue || type == SensorType.power.rawValue {
                device.base = max(model.mean * 0.2, device.base)
                // Wear: vibration only climbs.
                if type == SensorType.vibration.rawValue { device.driftPerDay = abs(device.driftPerDay) }
            }
            if drainRate > 0 {
                // Somewhere in its discharge cycle (100% → 5%) at the start.
                device.batteryPhaseDays = r.unit() * 95 / drainRate
            }
            // Late packets arrive 15 minutes to late_max_hours after the event, in slots of this
            // device: within a block of the late layer, or whole blocks later (then the device's
            // slots count from `origin`, so that its first late slots have packets to carry).
            if late.size > 0 {
                let slotMicros = device.packetMicros
                var l = RandomStream(entity: UInt64(id), seed: seed, salt: Salt.late)
                device.lateRange = DelayLayer.Range(
                    minimum: UInt64((900_000_000 / slotMicros).rounded(.up)),
                    maximum: UInt64(max(0, (lateMaxHours * 3_600_000_000 / slotMicros).rounded(.down) - 1)),   // lag: + ½ slot + network
                    size: late.size, pick: l.unit())
                // A block phase of its own, so that no window of the run sees fewer late slots.
                device.origin = (device.lateRange.shift + 1) * late.size - 1 - l.next(below: late.size)
            }
            // Faults, each from a stream of its own so that turning one on changes nothing else.
            var f = RandomStream(entity: UInt64(id), seed: seed, salt: Salt.clockFault)
            if f.unit() < clockFaultRatio {
                device.clock = ClockFault(rawValue: UInt8(1 + f.next(below: 3)))!
                switch device.clock {
                case .epoch: device.clockOffset = f.unit() * 30 * 86_400_000_000 - Double(startMicros)
                case .future: device.clockOffset = (1 + 399 * f.unit() * f.unit()) * 86_400_000_000
                default: device.clockDrift = (100 + 1900 * f.unit()) * 1e-6 * (f.next() & 1 == 0 ? 1 : -1)
                }
            }
            var g = RandomStream(entity: UInt64(id), seed: seed, salt: Salt.rollout)
            if g.unit() < rolloutRatio {
                let micros = g.unit() * rolloutDays * 86_400_000_000
                device.upgradeAt = UInt64(max(0, (micros / device.packetMicros - device.phase + Double(device.origin)) / device.timeScale).rounded(.up))
            }
            if lifetimeDays > 0 {
                var h = RandomStream(entity: UInt64(id), seed: seed, salt: Salt.lifetime)
                device.lifetimeDays = lifetimeDays * (0.5 + h.unit())
                device.lifeOffsetDays = h.unit() * device.lifetimeDays
            }
            if rebootChance > 0 {
                device.rebootBlock = max(1, UInt64((86_400_000_000 / (device.packetMicros * device.timeScale)).rounded()))
            }
            devices.append(device)
        }
        self.devices = devices

        // The cycle's slots, ordered by when in the cycle each packet is sent.
        var slots: [(time: Double, entry: UInt64)] = []
        for (id, device) in devices.enumerated() {
            for k in 0..<Int(device.packets) {
                slots.append(((Double(k) + device.phase) / Double(device.packets), UInt64(id) << 16 | UInt64(k)))
            }
        }
        slots.sort { $0.time < $1.time || ($0.time == $1.time && $0.entry < $1.entry) }
        grid = slots.map(\.entry)
        cycleRows = UInt64(grid.count)
    }
}
