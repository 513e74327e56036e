#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Zipf ranks 1...count with P(k) ∝ k^-exponent, for any exponent > 0 (the
/// unbounded `Zipf` needs exponent > 1). Rejection-inversion (Hörmann and
/// Derflinger, 1996): invert the integral of the density x^-q over
/// [1/2, count + 1/2], round to a rank, and accept it with a test that
/// passes about every time; no tables, so any count costs the same.
public struct BoundedZipf: Sendable {
    public let count: UInt64
    public let exponent: Double
    @usableFromInline let upperIntegral: Double   // integral at count + 1/2
    @usableFromInline let lowerIntegral: Double   // integral at 3/2, less the density at 1
    @usableFromInline let squeeze: Double         // ranks this close to x are accepted at once

    public init(count: UInt64, exponent: Double) {
        precondition(count >= 1 && exponent > 0)
        self.count = count
        self.exponent = exponent
        upperIntegral = Self.integral(Double(count) + 0.5, exponent)
        lowerIntegral = Self.integral(1.5, exponent) - 1
        squeeze = 2 - Self.inverseIntegral(Self.integral(2.5, exponent) - Self.density(2, exponent), exponent)
    }

    /// x^-q.
    @inlinable
    static func density(_ x: Double, _ q: Double) -> Double {
        exp(-q * log(x))
    }

    /// ∫ t^-q dt from 1 to x: (x^(1-q) - 1) / (1 - q), and log x when q = 1,
    /// written as log x · (e^z - 1)/z with z = (1 - q) log x to stay exact near q = 1.
    @inlinable
    static func integral(_ x: Double, _ q: Double) -> Double {
        let logX = log(x)
        let z = (1 - q) * logX
        return logX * (abs(z) > 1e-8 ? expm1(z) / z : 1 + z / 2 * (1 + z / 3 * (1 + z / 4)))
    }

    /// The x whose `integral` is y: exp(y · log(1 + z)/z) with z = (1 - q) y.
    @inlinable
    static func inverseIntegral(_ y: Double, _ q: Double) -> Double {
        let z = max((1 - q) * y, -1)
        return exp(y * (abs(z) > 1e-8 ? log1p(z) / z : 1 - z * (0.5 - z * (1.0 / 3 - z / 4))))
    }

    @inlinable
    public func draw(_ random: inout RandomStream) -> UInt64 {
        let n = Double(count)
        while true {
            let u = upperIntegral + random.unit() * (lowerIntegral - upperIntegral)
            let x = Self.inverseIntegral(u, exponent)
            let rank = min(max((x + 0.5).rounded(.down), 1), n)
            if rank - x <= squeeze || u >= Self.integral(rank + 0.5, exponent) - Self.density(rank, exponent) {
                return UInt64(rank)
            }
        }
    }
}
