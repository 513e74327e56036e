// The `iot` domain: sensor telemetry with the faults real fleets have.
//
// How rows are laid out, and why no batch needs another batch's state
// ---------------------------------------------------------------------
// Time is cut into ticks of `reading_interval_s` (60 s). In every tick each
// device sends `rate` packets (1, or `chatty_factor` for chatty devices), so a
// tick holds R = Σ rate rows. A table built at open lists those R (device, k)
// pairs ordered by the time of day they fall in the tick (each device has its
// own phase), so a file reads like a gateway's feed: all devices interleaved,
// time advancing. Global row g = file_id × rows_per_file + row maps to
// tick m = g / R and slot p = g % R → (device d, k), and to the device's
// arrival number a = m × rate + k. From a alone, per device:
//
//   arrival → received packet: arrivals come in blocks of T2 + 1 holding T2
//     distinct packets, one of them twice (a client re-send: same device,
//     sequence_number, event time and value; later ingest). T2 + 1 = 1 / duplicate_rate.
//   received → transmission: transmissions come in blocks of T1 of which one
//     is lost (T1 = 1 / packet_loss_rate), so sequence numbers have gaps.
//   The lost and duplicated positions inside a block are hashes of
//     (run seed, device, block): O(1) per row, no counters.
//   Transmission t is sampled at timestamp_start + (phase + t × c) × interval,
//     c = (T1 - 1) / T1 × (T2 + 1) / T2, so on average a device's samples keep
//     pace with its arrivals and the feed stays in time order; a lost packet
//     leaves a gap in time as well as in sequence_number.
//
// Everything a reading carries (event time, value, anomaly, battery, rssi,
// position jitter) is a function of (run seed, device, transmission), so a
// duplicate is a true re-send and a row never depends on rows before it.
// Only ingest delays (network lag, out-of-order, late arrivals) come from
// the batch's own streams. Device attributes (site, type, location,
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

import CLBDomain
import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@_cdecl("lb_domain_register")
public func lbDomainRegister(_ registrar: UnsafeMutablePointer<lb_registrar>?) -> Int32 {
    DomainExport.register([IoTDomain.self], with: registrar)
}

// MARK: - Static tables

enum SensorType: Int, CaseIterable {
    case temperature = 0, humidity, pressure, vibration, power

    static let names = ["temperature", "humidity", "pressure", "vibration", "power"]
    static let units = ["C", "%", "hPa", "mm/s", "kW"]

    /// Physical model per type: mean, device-to-device spread, daily
    /// amplitude, hour of the daily peak, harmonic (2 = twice a day),
    /// reading noise, drift per day (σ), spike size, valid range.
    struct Model {
        var mean, spread, amplitude, peakHour, harmonic, noise, drift, spike, low, high: Double
        var positiveSpikesOnly: Bool
    }

    static let models: [Model] = [
        Model(mean: 21, spread: 3, amplitude: 3, peakHour: 15, harmonic: 1, noise: 0.25, drift: 0.02, spike: 18, low: -40, high: 85, positiveSpikesOnly: false),
        Model(mean: 45, spread: 8, amplitude: 7, peakHour: 5, harmonic: 1, noise: 1.2, drift: 0.05, spike: 40, low: 0, high: 100, positiveSpikesOnly: false),
        Model(mean: 1013, spread: 6, amplitude: 1.1, peakHour: 10, harmonic: 2, noise: 0.35, drift: 0.03, spike: 45, low: 300, high: 1100, positiveSpikesOnly: false),
        Model(mean: 3.2, spread: 1.0, amplitude: 1.4, peakHour: 14, harmonic: 1, noise: 0.35, drift: 0.01, spike: 30, low: 0, high: 50, positiveSpikesOnly: true),
        Model(mean: 12, spread: 5, amplitude: 5, peakHour: 14, harmonic: 1, noise: 0.7, drift: 0.01, spike: 35, low: 0, high: 100, positiveSpikesOnly: true),
    ]
}

/// Firmware versions; index 0 is the legacy one that reports °F.
let firmwareNames = ["1.4.2", "2.0.7", "2.1.3", "2.2.0", "3.0.1"]
let modernFirmwareWeights = [0.20, 0.30, 0.35, 0.15]

let statusNames = ["ok", "degraded", "fault", "offline"]
let qualityNames = ["good", "estimated", "out_of_range", "missing"]

/// Where sites are: (latitude, longitude) of industrial cities.
let siteCities: [(Double, Double)] = [
    (41.88, -87.63), (29.76, -95.37), (33.75, -84.39), (47.61, -122.33), (37.34, -121.89),
    (42.33, -83.05), (39.96, -82.99), (32.78, -96.80), (40.44, -79.99), (45.50, -73.57),
    (43.65, -79.38), (19.43, -99.13), (25.69, -100.32), (-23.55, -46.63), (51.51, -0.13),
    (53.48, -2.24), (48.14, 11.58), (48.78, 9.18), (50.94, 6.96), (52.37, 4.90),
    (51.22, 4.40), (45.46, 9.19), (41.39, 2.17), (48.86, 2.35), (59.33, 18.07),
    (52.23, 21.01), (50.08, 14.44), (35.68, 139.69), (34.69, 135.50), (37.57, 126.98),
    (31.23, 121.47), (22.54, 114.06), (1.35, 103.82), (13.08, 80.27), (12.97, 77.59),
    (-33.87, 151.21), (-37.81, 144.96), (25.20, 55.27), (30.04, 31.24), (-26.20, 28.05),
]

enum Anomaly: Int { case none = 0, spike, stuck, dropout }

// Salts separating independent hashes of one device or transmission.
enum Salt {
    static let device: UInt64 = 0x10_7D01
    static let loss: UInt64 = 0x10_7D02
    static let dup: UInt64 = 0x10_7D03
    static let reading: UInt64 = 0x10_7D04
    static let anomaly: UInt64 = 0x10_7D05
    static let grid: UInt64 = 0x10_7D06
    static let site: UInt64 = 0x10_7D07
}

/// Per-device attributes: a pure function of (run seed, device id).
struct Device {
    var key: UInt64            // hash of (seed, id): keys every per-device hash
    var site: UInt32
    var type: UInt8
    var firmware: UInt8
    var rate: UInt8            // packets per tick
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

    var isLegacy: Bool { firmware == 0 }
}

public struct IoTDomain: Domain {
    public static let name = "iot"
    public static let version = "1.0.0"
    public static let summary = "Sensor telemetry: per-device time series with drift, planted anomalies, packet loss, re-sends, late data and a legacy °F firmware"
    public static let defaultPrefix = "iot/readings"

    public static let columns: [ColumnSpec] = [
        ColumnSpec("reading_id", .int64, "global row number: file_id × rows_per_file + row"),
        ColumnSpec("device_id", .string, "dev-NNNNNN"),
        ColumnSpec("site_id", .string, "site-NNNN, fixed per device"),
        ColumnSpec("sensor_type", .string, "temperature, humidity, pressure, vibration, power; fixed per device"),
        ColumnSpec("event_timestamp", .timestampMicros, "when the device sampled (device clock)"),
        ColumnSpec("ingest_timestamp", .timestampMicros, "event time + network lag; minutes for out-of-order packets, hours for late ones"),
        ColumnSpec("sequence_number", .int64, "per-device packet counter: monotonic, gaps for lost packets, repeated by re-sends"),
        ColumnSpec("value", .double, nullable: true, "reading in `unit`; null during dropouts"),
        ColumnSpec("unit", .string, "C, F (legacy firmware temperature), %, hPa, mm/s, kW"),
        ColumnSpec("latitude", .double, "device position plus GPS jitter"),
        ColumnSpec("longitude", .double, "device position plus GPS jitter"),
        ColumnSpec("battery_pct", .double, nullable: true, "drains per device, swapped near empty; null for mains-powered devices"),
        ColumnSpec("rssi_dbm", .int32, "signal strength"),
        ColumnSpec("firmware_version", .string, "fixed per device; 1.4.2 is the legacy firmware reporting °F"),
        ColumnSpec("status", .string, "ok, degraded (low battery or signal), fault, offline (dropouts)"),
        ColumnSpec("is_anomaly", .boolean, "ground truth: the reading is part of a planted spike, stuck-at run or dropout"),
        ColumnSpec("quality_flag", .string, "good, estimated, out_of_range, missing"),
    ]

    public static let parameters: [ParameterSpec] = [
        ParameterSpec("devices", default: "1000", "number of devices (Lakebench: 1,000 per scale unit)"),
        ParameterSpec("sites", default: "50", "number of sites devices are spread over (skewed: low site ids are bigger)"),
        ParameterSpec("timestamp_start", default: "2024-01-01", "first tick, UTC midnight; time advances with row number"),
        ParameterSpec("reading_interval_s", default: "60", "seconds between readings of an ordinary device"),
        ParameterSpec("sensor_type_weights", default: "temperature:0.30,humidity:0.20,pressure:0.15,vibration:0.20,power:0.15", "mix of sensor types over devices"),
        ParameterSpec("chatty_ratio", default: "0.05", "fraction of devices that report chatty_factor times as often"),
        ParameterSpec("chatty_factor", default: "10", "readings per interval of a chatty device (1-60)"),
        ParameterSpec("battery_ratio", default: "0.6", "fraction of battery-powered devices (the rest are mains-powered: battery_pct null)"),
        ParameterSpec("battery_drain_pct_per_day", default: "0.8", "mean battery drain, % per day (per device 0.25×-2.5× this)"),
        ParameterSpec("legacy_firmware_ratio", default: "0.08", "fraction of devices on firmware 1.4.2, whose temperature readings are in °F with unit F"),
        ParameterSpec("packet_loss_rate", default: "0.01", "fraction of transmissions lost (gaps in sequence_number)"),
        ParameterSpec("duplicate_rate", default: "0.005", "fraction of rows that are re-sent duplicates (same device and sequence_number)"),
        ParameterSpec("out_of_order_rate", default: "0.01", "fraction of rows delayed 1-10 intervals, arriving after later packets"),
        ParameterSpec("late_rate", default: "0.002", "fraction of rows arriving late, 15 minutes to late_max_hours after the event"),
        ParameterSpec("late_max_hours", default: "6", "longest delay of a late row, hours"),
        ParameterSpec("anomaly_rate", default: "0.01", "expected fraction of readings inside planted anomalies"),
        ParameterSpec("anomaly_mix", default: "spike:0.4,stuck:0.35,dropout:0.25", "weights of anomaly episode kinds"),
        ParameterSpec("drift_scale", default: "1.0", "multiplier of per-device sensor drift"),
        ParameterSpec("noise_scale", default: "1.0", "multiplier of reading noise"),
        ParameterSpec("daily_cycle_scale", default: "1.0", "multiplier of the daily cycle amplitude"),
        ParameterSpec("estimated_ratio", default: "0.005", "fraction of readings the firmware interpolated (quality_flag estimated)"),
    ]

    // Run-wide, read-only state.
    let seed: UInt64
    let devices: [Device]
    let grid: [UInt64]            // per slot of a tick: device << 8 | k
    let ticksRows: UInt64         // R
    let startMicros: Int64
    let intervalMicros: Double
    let lossBlock: UInt64         // T1, 0 = no loss
    let dupBlock: UInt64          // T2, 0 = no duplicates
    let timeScale: Double         // c: keeps transmissions aligned with arrivals
    let outOfOrderRate: Double
    let lateRate: Double
    let lateLogMin: Double
    let lateLogSpan: Double
    let anomalyWindow: UInt64
    let episodeChance: Double
    let anomalyKinds: WeightedChoice
    let estimatedRatio: Double
    let dailyScale: Double
    let noiseScale: Double
    let deviceDigits: Int
    let siteDigits: Int

    let sensorTable = TextTable(SensorType.names)
    let unitTable = TextTable(SensorType.units + ["F"])
    let firmwareTable = TextTable(firmwareNames)
    let statusTable = TextTable(statusNames)
    let qualityTable = TextTable(qualityNames)

    public init(parameters: Parameters, seed: UInt64) throws {
        self.seed = seed
        let deviceCount = try parameters.int("devices", in: 1...5_000_000)
        let siteCount = try parameters.int("sites", in: 1...1_000_000)
        let start = try parameters.date("timestamp_start")
        let intervalSeconds = try parameters.int("reading_interval_s", in: 1...86_400)
        let typeWeights = try parameters.weights("sensor_type_weights", labels: SensorType.names)
        let chattyRatio = try parameters.double("chatty_ratio", in: 0...1)
        let chattyFactor = try parameters.int("chatty_factor", in: 1...60)
        let batteryRatio = try parameters.double("battery_ratio", in: 0...1)
        let drain = try parameters.double("battery_drain_pct_per_day", in: 0...100)
        let legacyRatio = try parameters.double("legacy_firmware_ratio", in: 0...1)
        let lossRate = try parameters.double("packet_loss_rate", in: 0...0.5)
        let dupRate = try parameters.double("duplicate_rate", in: 0...0.5)
        outOfOrderRate = try parameters.double("out_of_order_rate", in: 0...1)
        lateRate = try parameters.double("late_rate", in: 0...1)
        let lateMaxHours = try parameters.double("late_max_hours", in: 0.5...720)
        let anomalyRate = try parameters.double("anomaly_rate", in: 0...0.5)
        let mix = try parameters.weights("anomaly_mix", labels: ["spike", "stuck", "dropout"])
        let driftScale = try parameters.double("drift_scale", in: 0...1000)
        noiseScale = try parameters.double("noise_scale", in: 0...1000)
        dailyScale = try parameters.double("daily_cycle_scale", in: 0...1000)
        estimatedRatio = try parameters.double("estimated_ratio", in: 0...1)
        guard outOfOrderRate + lateRate <= 1 else {
            throw ParameterError("parameters out_of_order_rate + late_rate must not exceed 1")
        }

        startMicros = start.microsecondsSinceEpoch
        intervalMicros = Double(intervalSeconds) * 1_000_000
        lateLogMin = log(900.0)
        lateLogSpan = max(0, log(lateMaxHours * 3600) - log(900.0))
        deviceDigits = max(6, String(deviceCount - 1).count)
        siteDigits = max(4, String(siteCount - 1).count)

        // Loss and re-send blocks (see the header comment).
        lossBlock = lossRate > 0 ? max(2, UInt64((1 / lossRate).rounded())) : 0
        dupBlock = dupRate > 0 ? max(1, UInt64((1 / dupRate - 1).rounded())) : 0
        var scale = 1.0
        if lossBlock > 0 { scale *= Double(lossBlock - 1) / Double(lossBlock) }
        if dupBlock > 0 { scale *= Double(dupBlock + 1) / Double(dupBlock) }
        timeScale = scale

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
            var device = Device(
                key: key,
                site: site,
                type: UInt8(type),
                firmware: UInt8(firmware),
                rate: UInt8(chatty ? chattyFactor : 1),
                onBattery: onBattery,
                rssiBase: Int32(-52 - Int(r.next(below: 44))),
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
            devices.append(device)
        }
        self.devices = devices

        // The tick's slots, ordered by when in the tick each packet is sent.
        var slots: [(time: Double, entry: UInt64)] = []
        for (id, device) in devices.enumerated() {
            for k in 0..<Int(device.rate) {
                slots.append(((Double(k) + device.phase) / Double(device.rate), UInt64(id) << 8 | UInt64(k)))
            }
        }
        slots.sort { $0.time < $1.time || ($0.time == $1.time && $0.entry < $1.entry) }
        grid = slots.map(\.entry)
        ticksRows = UInt64(grid.count)
    }

    // MARK: - Per-transmission model

    /// Event time of transmission `t` of `device`, µs (without clock jitter).
    @inline(__always)
    func nominalTime(_ device: Device, _ t: UInt64) -> Double {
        let interval = intervalMicros / Double(device.rate)
        return Double(startMicros) + (device.phase + Double(t) * timeScale) * interval
    }

    /// The physical value the sensor reads at `micros` (°C for temperature),
    /// before anomalies: baseline + daily cycle (local solar time) + drift + noise.
    @inline(__always)
    func physical(_ device: Device, micros: Double, noiseWord: UInt64) -> Double {
        let model = SensorType.models[Int(device.type)]
        let seconds = micros * 1e-6
        let days = (micros - Double(startMicros)) * (1.0 / 86_400_000_000)
        let localHour = (seconds / 3600 + device.longitude / 15).truncatingRemainder(dividingBy: 24)
        let cycle = cos(2 * Double.pi * model.harmonic * (localHour - model.peakHour) / 24)
        var value = device.base + dailyScale * device.amplitude * cycle + device.driftPerDay * days
            + noiseScale * device.noise * Normal.quickStandard(noiseWord)
        if value < model.low { value = model.low }
        if device.type == UInt8(SensorType.humidity.rawValue) && value > 100 { value = 100 }
        return value
    }

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

    // MARK: - Fill

    public func fill(_ batch: Batch) throws {
        let n = batch.rowCount
        let readingID = batch.fixed(0, as: Int64.self)
        var deviceID = batch.string(1)
        var siteID = batch.string(2)
        var sensorType = batch.string(3)
        let eventTimestamp = batch.fixed(4, as: Int64.self)
        let ingestTimestamp = batch.fixed(5, as: Int64.self)
        let sequenceNumber = batch.fixed(6, as: Int64.self)
        let value = batch.fixed(7, as: Double.self)
        var unit = batch.string(8)
        let latitude = batch.fixed(9, as: Double.self)
        let longitude = batch.fixed(10, as: Double.self)
        let battery = batch.fixed(11, as: Double.self)
        let rssi = batch.fixed(12, as: Int32.self)
        var firmware = batch.string(13)
        var status = batch.string(14)
        let isAnomaly = batch.fixed(15, as: UInt8.self)
        var quality = batch.string(16)

        var lag = batch.stream(0)

        let firstGlobal = batch.fileID &* batch.rowsPerFile &+ batch.firstRow
        var tick = firstGlobal / ticksRows
        var slot = Int(firstGlobal % ticksRows)
        let deviceDigits = self.deviceDigits
        let siteDigits = self.siteDigits
        let temperature = UInt8(SensorType.temperature.rawValue)

        devices.withUnsafeBufferPointer { devices in
            grid.withUnsafeBufferPointer { grid in
                for row in 0..<n {
                    let entry = grid[slot]
                    let id = Int(entry >> 8)
                    let device = devices[id]
                    let arrival = tick &* UInt64(device.rate) &+ (entry & 0xff)
                    slot += 1
                    if slot == grid.count { slot = 0; tick += 1 }

                    // arrival → received packet (one re-send per dup block)
                    var received = arrival
                    var resent = false
                    if dupBlock > 0 {
                        let block = arrival / (dupBlock + 1)
                        let j = arrival % (dupBlock + 1)
                        let position = Hash.mix(device.key ^ Salt.dup, block) % dupBlock
                        if j <= position {
                            received = block * dupBlock + j
                        } else if j == position + 1 {
                            received = block * dupBlock + position
                            resent = true
                        } else {
                            received = block * dupBlock + j - 1
                        }
                    }
                    // received → transmission (one loss per loss block)
                    var t = received
                    if lossBlock > 0 {
                        let block = received / (lossBlock - 1)
                        let j = received % (lossBlock - 1)
                        let lost = Hash.mix(device.key ^ Salt.loss, block) % lossBlock
                        t = block * lossBlock + (j < lost ? j : j + 1)
                    }

                    // Everything of the reading from (device, transmission).
                    var r = RandomStream(seed: Hash.mix(device.key ^ Salt.reading, t))
                    let w0 = r.next()
                    let w1 = r.next()
                    let w2 = r.next()
                    let w3 = r.next()
                    let jitter = Double(w2 & 0xfffff)   // 0-1.05 s of device clock jitter
                    let nominal = nominalTime(device, t)
                    let eventMicros = Int64(nominal + jitter)

                    var reading = physical(device, micros: nominal, noiseWord: w0)
                    var anomaly = Anomaly.none
                    var statusIndex = 0
                    var qualityIndex = RandomStream.unit(from: w1) < estimatedRatio ? 1 : 0
                    var valueIsNull = false
                    if let episode = episode(device, t) {
                        anomaly = episode.kind
                        switch episode.kind {
                        case .spike:
                            let model = SensorType.models[Int(device.type)]
                            let size = model.spike * (0.5 + RandomStream.unit(from: w3))
                            let up = model.positiveSpikesOnly || (w2 >> 63) == 0
                            reading += up ? size : -size
                        case .stuck:
                            var s = RandomStream(seed: Hash.mix(device.key ^ Salt.reading, episode.start))
                            reading = physical(device, micros: nominalTime(device, episode.start), noiseWord: s.next())
                        case .dropout:
                            valueIsNull = true
                            statusIndex = episode.offline ? 3 : 2
                            qualityIndex = 3
                        case .none:
                            break
                        }
                    }
                    if !valueIsNull {
                        let model = SensorType.models[Int(device.type)]
                        if reading < model.low || reading > model.high {
                            // The sensor saturates at the end of its range and says so.
                            qualityIndex = 2
                            reading = min(model.high, max(model.low, reading))
                        }
                    }

                    // Battery: a sawtooth from 100% down to 5%, then a swap.
                    var batteryLevel = 0.0
                    if device.onBattery {
                        let days = (nominal - Double(startMicros)) * (1.0 / 86_400_000_000)
                        if device.drainPerDay > 0 {
                            let cycle = 95 / device.drainPerDay
                            let since = (device.batteryPhaseDays + days).truncatingRemainder(dividingBy: cycle)
                            batteryLevel = 100 - device.drainPerDay * since
                        } else {
                            batteryLevel = 100
                        }
                        batteryLevel += 0.3 * Normal.quickStandard(w3)
                        batteryLevel = (min(100, max(0, batteryLevel)) * 10).rounded() / 10
                    }
                    let signal = device.rssiBase + Int32(truncatingIfNeeded: (w2 >> 24) % 13) - 6
                    if statusIndex == 0 && ((device.onBattery && batteryLevel < 10) || signal < -100) {
                        statusIndex = 1
                    }

                    // Write.
                    readingID[row] = Int64(bitPattern: firstGlobal &+ UInt64(row))
                    deviceID.append(maxLength: 4 + deviceDigits) { p in
                        p[0] = 0x64; p[1] = 0x65; p[2] = 0x76; p[3] = 0x2d  // "dev-"
                        TextEncoding.writeDecimal(UInt64(id), digits: deviceDigits, to: p + 4)
                        return 4 + deviceDigits
                    }
                    siteID.append(maxLength: 5 + siteDigits) { p in
                        p[0] = 0x73; p[1] = 0x69; p[2] = 0x74; p[3] = 0x65; p[4] = 0x2d  // "site-"
                        TextEncoding.writeDecimal(UInt64(device.site), digits: siteDigits, to: p + 5)
                        return 5 + siteDigits
                    }
                    sensorType.append(sensorTable, Int(device.type))
                    eventTimestamp[row] = eventMicros

                    // Ingest: network lag, sometimes out of order, sometimes hours late.
                    let u = lag.unit()
                    var delay = 150_000 + 900_000 * -log(1 - lag.unit())
                    if u < lateRate {
                        delay += exp(lateLogMin + lateLogSpan * lag.unit()) * 1_000_000
                    } else if u < lateRate + outOfOrderRate {
                        delay += intervalMicros / Double(device.rate) * (1 + 9 * lag.unit())
                    }
                    if resent {
                        delay += intervalMicros / Double(device.rate) * (1 + lag.unit())
                    }
                    ingestTimestamp[row] = eventMicros + Int64(delay)

                    sequenceNumber[row] = device.sequenceStart + Int64(t)
                    let fahrenheit = device.isLegacy && device.type == temperature
                    if valueIsNull {
                        value[row] = 0
                        value.setNull(row)
                    } else {
                        if fahrenheit { reading = reading * 1.8 + 32 }
                        value[row] = (reading * 1000).rounded() / 1000
                    }
                    unit.append(unitTable, fahrenheit ? 5 : Int(device.type))
                    let gpsLat = Double(Int64((w2 >> 40) & 0xff) - 128) * 1.5e-7
                    let gpsLon = Double(Int64((w2 >> 48) & 0xff) - 128) * 1.5e-7
                    latitude[row] = ((device.latitude + gpsLat) * 1e6).rounded() / 1e6
                    longitude[row] = ((device.longitude + gpsLon) * 1e6).rounded() / 1e6
                    if device.onBattery {
                        battery[row] = batteryLevel
                    } else {
                        battery[row] = 0
                        battery.setNull(row)
                    }
                    rssi[row] = signal
                    firmware.append(firmwareTable, Int(device.firmware))
                    status.append(statusTable, statusIndex)
                    isAnomaly[row] = anomaly == .none ? 0 : 1
                    quality.append(qualityTable, qualityIndex)
                }
            }
        }
    }
}
