import LBDomainKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Zipf ranks 1…count with any exponent > 0 (the kit's `Zipf` is unbounded
/// and needs alpha > 1): rejection-inversion (Hörmann and Derflinger 1996),
/// about one try per draw, no tables.
struct BoundedZipf: Sendable {
    let count: Double
    let exponent: Double
    let hIntegralX1: Double
    let hIntegralN: Double
    let s: Double

    init(count: UInt64, exponent: Double) {
        self.count = Double(count)
        self.exponent = exponent
        hIntegralX1 = BoundedZipf.hIntegral(1.5, exponent) - 1
        hIntegralN = BoundedZipf.hIntegral(Double(count) + 0.5, exponent)
        s = 2 - BoundedZipf.hIntegralInverse(BoundedZipf.hIntegral(2.5, exponent) - BoundedZipf.h(2, exponent), exponent)
    }

    @inline(__always)
    static func helper1(_ x: Double) -> Double { abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x)) }
    @inline(__always)
    static func helper2(_ x: Double) -> Double { abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x)) }
    @inline(__always)
    static func h(_ x: Double, _ e: Double) -> Double { exp(-e * log(x)) }
    @inline(__always)
    static func hIntegral(_ x: Double, _ e: Double) -> Double {
        let logX = log(x)
        return helper2((1 - e) * logX) * logX
    }
    @inline(__always)
    static func hIntegralInverse(_ x: Double, _ e: Double) -> Double {
        var t = x * (1 - e)
        if t < -1 { t = -1 }
        return exp(helper1(t) * x)
    }

    @inline(__always)
    func draw(_ random: inout RandomStream) -> UInt64 {
        while true {
            let u = hIntegralN + random.unit() * (hIntegralX1 - hIntegralN)
            let x = BoundedZipf.hIntegralInverse(u, exponent)
            var k = (x + 0.5).rounded(.down)
            if k < 1 { k = 1 } else if k > count { k = count }
            if k - x <= s || u >= BoundedZipf.hIntegral(k + 0.5, exponent) - BoundedZipf.h(k, exponent) {
                return UInt64(k)
            }
        }
    }
}
