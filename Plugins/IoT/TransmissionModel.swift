import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The per-transmission model: when a device samples and what its sensor reads.
extension IoTDomain {
    /// Event time of transmission `t` of `device`, µs (without clock jitter).
    @inline(__always)
    func nominalTime(_ device: Device, _ t: UInt64) -> Double {
        Double(startMicros) + (device.phase + Double(t) * device.timeScale - Double(device.origin)) * device.packetMicros
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
        // An idle machine still reads a little (standby draw, ambient
        // vibration), and a saturated humidity sensor hovers just below 100:
        // floors with noise, never a constant a stuck-value detector would flag.
        if value < model.idle {
            value = model.idle * exp(0.3 * Normal.quickStandard(noiseWord &* 0x9E37_79B9_7F4A_7C15))
        }
        if device.type == UInt8(SensorType.humidity.rawValue) && value > 99.5 {
            value = 99.5 - 0.4 * abs(Normal.quickStandard(noiseWord &* 0x9E37_79B9_7F4A_7C15))
        }
        return value
    }
}
