import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension IoTDomain {
    public func fill(_ batch: Batch) throws {
        let n = batch.rowCount
        let readingID = batch[column.readingID]
        var deviceID = batch[column.deviceID]
        var siteID = batch[column.siteID]
        let sensorType = batch[column.sensorType]
        let eventTimestamp = batch[column.eventTimestamp]
        let ingestTimestamp = batch[column.ingestTimestamp]
        let sequenceNumber = batch[column.sequenceNumber]
        let value = batch[column.value]
        let unit = batch[column.unit]
        let latitude = batch[column.latitude]
        let longitude = batch[column.longitude]
        let battery = batch[column.batteryPct]
        let rssi = batch[column.rssiDbm]
        let firmware = batch[column.firmwareVersion]
        let status = batch[column.status]
        let isAnomaly = batch[column.isAnomaly]
        let quality = batch[column.qualityFlag]

        let firstGlobal = batch.fileID &* batch.rowsPerFile &+ batch.firstRow
        var cycle = firstGlobal / cycleRows
        var slot = Int(firstGlobal % cycleRows)
        let deviceDigits = self.deviceDigits
        let siteDigits = self.siteDigits
        let temperature = UInt8(SensorType.temperature.rawValue)

        devices.withUnsafeBufferPointer { devices in
            grid.withUnsafeBufferPointer { grid in
                for row in 0..<n {
                    let entry = grid[slot]
                    let id = Int(entry >> 16)
                    let mount = devices[id]
                    let arrival = cycle &* UInt64(mount.packets) &+ (entry & 0xffff)
                    // The gateway receives this slot's packet at the slot's time: files hold rows in arrival order.
                    let k = entry & 0xffff
                    let ingestMicros = startMicros + Int64((Double(cycle) + (Double(k) + mount.phase) / Double(mount.packets)) * cycleMicros)
                    slot += 1
                    if slot == grid.count { slot = 0; cycle += 1 }

                    // arrival → received packet: late, out-of-order and re-sent slots (Delivery.swift)
                    let (received, displaced) = deliver(mount, arrival &+ mount.origin)
                    // received → transmission (one burst of lost packets per loss block)
                    var t = received
                    if mount.lossBlock > 0 {
                        let kept = mount.lossBlock - mount.lossBurst
                        let block = received / kept
                        let j = received % kept
                        let lost = Hash.mix(mount.key ^ Salt.loss, block) % (kept + 1)
                        t = block * mount.lossBlock + (j < lost ? j : j + mount.lossBurst)
                    }

                    // Who is at the mount for transmission t: the device, or a replacement (device_lifetime_days).
                    var device = mount
                    var deviceNumber = UInt64(id)
                    if lifetimeDays > 0 { (device, deviceNumber) = occupant(mount, id: UInt64(id), t: t) }

                    // Everything of the reading from (device, transmission).
                    var r = RandomStream(seed: Hash.mix(device.key ^ Salt.reading, t))
                    let w0 = r.next()
                    let w1 = r.next()
                    let w2 = r.next()
                    let w3 = r.next()
                    let w4 = r.next()
                    let nominal = nominalTime(device, t)
                    // Sampled a network lag before it would have arrived in order: its own slot's
                    // time, or (taken out to arrive later) just before the packet that took its place.
                    let lag = Int64(min(150_000 + 900_000 * -log(1 - RandomStream.unit(from: w4)), maxLagFraction * mount.packetMicros))
                    var inOrderMicros = ingestMicros
                    if displaced {
                        // The same arithmetic as ingestMicros, so a re-send's event time is its original's.
                        let (natural, before) = naturalArrival(mount, received)
                        let own = Int64(bitPattern: natural &- mount.origin)   // before the run's first slot if negative
                        let packets = Int64(mount.packets)
                        var naturalCycle = own / packets
                        if own < 0 && naturalCycle * packets != own { naturalCycle -= 1 }
                        let k = own - naturalCycle * packets
                        inOrderMicros = startMicros + Int64((Double(naturalCycle) + (Double(k) + mount.phase) / Double(mount.packets)) * cycleMicros)
                            - Int64(before * mount.packetMicros)
                    }
                    let trueMicros = inOrderMicros - lag
                    var eventMicros = trueMicros
                    switch device.clock {
                    case .none: break
                    case .epoch, .future: eventMicros += Int64(device.clockOffset)
                    case .drift: eventMicros += Int64(device.clockDrift * (nominal - Double(startMicros)))
                    }

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
                        case .none, .outage:
                            break
                        }
                    }
                    if outageChance > 0 && inOutage(site: device.site, micros: nominal) {
                        anomaly = .outage
                        valueIsNull = true
                        statusIndex = 3
                        qualityIndex = 3
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
                    let digits = deviceNumber < devices.count ? deviceDigits : max(deviceDigits, decimalDigits(deviceNumber))
                    deviceID.append(maxLength: 4 + digits) { p in
                        p[0] = 0x64; p[1] = 0x65; p[2] = 0x76; p[3] = 0x2d  // "dev-"
                        TextEncoding.writeDecimal(deviceNumber, digits: digits, to: p + 4)
                        return 4 + digits
                    }
                    siteID.append(maxLength: 5 + siteDigits) { p in
                        p[0] = 0x73; p[1] = 0x69; p[2] = 0x74; p[3] = 0x65; p[4] = 0x2d  // "site-"
                        TextEncoding.writeDecimal(UInt64(device.site), digits: siteDigits, to: p + 5)
                        return 5 + siteDigits
                    }
                    sensorType[row] = UInt32(device.type)
                    eventTimestamp[row] = eventMicros

                    ingestTimestamp[row] = ingestMicros   // the gateway's clock is right

                    let upgraded = t >= device.upgradeAt
                    sequenceNumber[row] = Int64(bitPattern: sequenceNumberOf(device, t) & sequenceMask)
                    let fahrenheit = device.isLegacy && !upgraded && device.type == temperature
                    if valueIsNull {
                        value[row] = 0
                        value.setNull(row)
                    } else {
                        if fahrenheit { reading = reading * 1.8 + 32 }
                        value[row] = (reading * 1000).rounded() / 1000
                    }
                    unit[row] = fahrenheit ? 5 : UInt32(device.type)
                    let gpsLat = Double(Int64((w2 >> 40) & 0xff) - 128) * 1.5e-7
                    let gpsLon = Double(Int64((w2 >> 48) & 0xff) - 128) * 1.5e-7
                    latitude[row] = ((device.latitude + gpsLat) * 1e6).rounded() / 1e6
                    longitude[row] = ((device.longitude + gpsLon) * 1e6).rounded() / 1e6
                    // An offline device reports nothing: the gateway knows neither its battery nor its signal.
                    let offline = statusIndex == 3
                    if device.onBattery && !offline {
                        battery[row] = batteryLevel
                    } else {
                        battery[row] = 0
                        battery.setNull(row)
                    }
                    if offline {
                        rssi[row] = 0
                        rssi.setNull(row)
                    } else {
                        rssi[row] = signal
                    }
                    firmware[row] = upgraded ? UInt32(firmwareNames.count - 1) : UInt32(device.firmware)
                    status[row] = UInt32(statusIndex)
                    isAnomaly[row] = anomaly == .none ? 0 : 1
                    quality[row] = UInt32(qualityIndex)
                }
            }
        }
    }
}
