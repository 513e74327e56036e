#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Normal and log-normal draws (Box–Muller; one pair per two draws would
/// need state across calls, so each call spends two uniforms).
public struct Normal: Sendable {
    public let mean: Double
    public let deviation: Double

    public init(mean: Double, deviation: Double) {
        self.mean = mean
        self.deviation = deviation
    }

    @inlinable
    public func draw(_ random: inout RandomStream) -> Double {
        let u1 = 1 - random.unit()   // (0, 1]: log is finite
        let u2 = random.unit()
        return mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// exp of a normal draw: a log-normal with parameters mu = mean, sigma = deviation.
    @inlinable
    public func drawLogNormal(_ random: inout RandomStream) -> Double {
        exp(draw(&random))
    }

    /// A cheap, bounded stand-in for a standard normal from one random word:
    /// the sum of its four 16-bit quarters, centred and scaled to unit
    /// variance (within ±3.46; no log, sqrt or cos). Good for sensor noise
    /// and jitter, not for tails.
    @inlinable
    public static func quickStandard(_ word: UInt64) -> Double {
        let sum = (word & 0xffff) + ((word >> 16) & 0xffff) + ((word >> 32) & 0xffff) + (word >> 48)
        return (Double(sum) * (1.0 / 65536.0) - 2.0) * 1.7320508075688772
    }
}
