enum SensorType: Int, CaseIterable {
    case temperature = 0, humidity, pressure, vibration, power

    static let names = ["temperature", "humidity", "pressure", "vibration", "power"]
    static let units = ["C", "%", "hPa", "mm/s", "kW"]

    /// Physical model per type: mean, device-to-device spread, daily
    /// amplitude, hour of the daily peak, harmonic (2 = twice a day),
    /// reading noise, drift per day (σ), spike size, valid range, and the
    /// idle level below which an idle device reads (with noise).
    struct Model {
        var mean, spread, amplitude, peakHour, harmonic, noise, drift, spike, low, high, idle: Double
        var positiveSpikesOnly: Bool
    }

    static let models: [Model] = [
        Model(mean: 21, spread: 3, amplitude: 3, peakHour: 15, harmonic: 1, noise: 0.25, drift: 0.02, spike: 18, low: -40, high: 85, idle: -40, positiveSpikesOnly: false),
        Model(mean: 45, spread: 8, amplitude: 7, peakHour: 5, harmonic: 1, noise: 1.2, drift: 0.05, spike: 40, low: 0, high: 100, idle: 0.5, positiveSpikesOnly: false),
        Model(mean: 1013, spread: 6, amplitude: 1.1, peakHour: 10, harmonic: 2, noise: 0.35, drift: 0.03, spike: 45, low: 300, high: 1100, idle: 300, positiveSpikesOnly: false),
        Model(mean: 3.2, spread: 1.0, amplitude: 1.4, peakHour: 14, harmonic: 1, noise: 0.35, drift: 0.01, spike: 30, low: 0, high: 50, idle: 0.15, positiveSpikesOnly: true),
        Model(mean: 12, spread: 5, amplitude: 5, peakHour: 14, harmonic: 1, noise: 0.7, drift: 0.01, spike: 35, low: 0, high: 100, idle: 0.12, positiveSpikesOnly: true),
    ]
}
