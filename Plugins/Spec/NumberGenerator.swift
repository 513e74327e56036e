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

/// A generator of numbers (and of booleans, as 0 and 1). Integer columns
/// take `int`, floating ones `real`.
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

    var isInteger: Bool {
        switch self {
        case .rowNumber, .uniformInt, .zipf, .boundedZipf, .bool: true
        default: false
        }
    }

    @inline(__always)
    func int(_ random: inout RandomStream, globalRow: Int64, row: Int, views: UnsafePointer<ColumnView>) -> Int64 {
        switch self {
        case .rowNumber(let start, let step): return start &+ step &* globalRow
        case .uniformInt(let min, let count): return min &+ Int64(bitPattern: count == 0 ? random.next() : random.next(below: count))
        case .zipf(let zipf, let modulus):
            let draw = zipf.draw(&random)
            return Int64(bitPattern: modulus == 0 || draw < modulus ? draw : draw % modulus)
        case .boundedZipf(let zipf): return Int64(bitPattern: zipf.draw(&random))
        case .bool(let p): return random.chance(p) ? 1 : 0
        case .scaled(let column, let factor):
            let value = views[column].real(row) * factor
            return value.isFinite ? Int64(value.rounded(.towardZero)) : 0
        default:
            let value = real(&random, globalRow: globalRow, row: row, views: views).rounded()
            return value.isFinite ? Int64(value) : 0
        }
    }

    @inline(__always)
    func real(_ random: inout RandomStream, globalRow: Int64, row: Int, views: UnsafePointer<ColumnView>) -> Double {
        switch self {
        case .uniformReal(let min, let width, let shaping): return shaping.apply(min + random.unit() * width)
        case .normal(let normal, let shaping): return shaping.apply(normal.draw(&random))
        case .logNormal(let normal, let shaping): return shaping.apply(normal.drawLogNormal(&random))
        case .constant(let value): return value
        case .scaled(let column, let factor): return views[column].real(row) * factor
        default: return Double(int(&random, globalRow: globalRow, row: row, views: views))
        }
    }
}
