import LBDomainKit

/// Rows per layout block: B in the header comment of ClickstreamDomain.swift.
let layoutBlock: UInt64 = 16_384

// Layout and time: which session holds a row, and when a row happens.
extension ClickstreamDomain {
    @inline(__always)
    func sessionKey(_ index: UInt64) -> UInt64 { Hash.mix(sessionSalt, index) }

    /// Rows of session `index` when at most `limit` fit: replays its type chain.
    func sessionLength(_ index: UInt64, limit: Int) -> Int {
        var chain = Chain(sessionKey: sessionKey(index), botRatio: botRatio, engagementSigma: engagementSigma,
                          limit: min(limit, maxSessionEvents))
        while chain.next(self) != Event.end {}
        return chain.rows
    }

    /// Event time of global row `row`, µs: the arrival clock bent by the diurnal profile.
    func rowMicros(_ row: UInt64) -> Int64 {
        let seconds = Double(row) / eventsPerSecond
        let day = (seconds / 86_400).rounded(.down)
        let fraction = seconds / 86_400 - day
        var hour = 0
        while hour < 23 && hourCDF[hour + 1] <= fraction { hour += 1 }
        let within = (fraction - hourCDF[hour]) / (hourCDF[hour + 1] - hourCDF[hour])
        let secondOfDay = (Double(hour) + min(1, max(0, within))) * 3600
        return startMicros + Int64((day * 86_400 + secondOfDay) * 1_000_000)
    }
}
