import LBDomainKit
#if canImport(Glibc)
import Glibc
#endif

/// Clamping and rounding of a drawn number.
struct Shaping {
    var min = -Double.infinity
    var max = Double.infinity
    /// 10^decimals, or 0 for no rounding.
    var scale = 0.0

    @inline(__always)
    func apply(_ value: Double) -> Double {
        let clamped = Swift.min(Swift.max(value, min), max)
        return scale > 0 ? (clamped * scale).rounded() / scale : clamped
    }
}

/// A generator of numbers (and of booleans, as 0 and 1). Each runs in a
/// loop of its own (`ColumnProgram.fillNumbers`); integer columns round
/// reals to the nearest whole number.
enum NumberGenerator {
    /// start + step × global row number (also timestamps advancing with the row).
    case rowNumber(start: Int64, step: Int64)
    /// An integer in min ..< min + count.
    case uniformInt(min: Int64, count: UInt64)
    case uniformReal(min: Double, width: Double, Shaping)
    case normal(Normal, Shaping)
    case logNormal(Normal, Shaping)
    /// Draws ≥ 1; with a modulus, draw mod modulus.
    case zipf(Zipf, modulus: UInt64)
    case boundedZipf(BoundedZipf)
    case constant(Double)
    /// Another column's value times a factor.
    case scaled(column: Int, by: Double)
    /// true (1) with probability p.
    case bool(Double)
}
