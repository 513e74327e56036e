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
}
