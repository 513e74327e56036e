#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Zipf draws ≥ 1 with exponent `alpha` > 1 (unbounded, as numpy's `zipf`).
///
/// Values below 256 (95% of draws at alpha 1.5, more above) come from an
/// alias table over their probabilities x^-alpha / zeta(alpha): one random
/// word, one compare, no branch. The rest come from Devroye's rejection
/// method with its uniform confined to the range that proposes values of 256
/// and up, which draws exactly from the tail.
public struct Zipf: Sendable {
    public let alpha: Double
    @usableFromInline let exponent: Double   // -1 / (alpha - 1)
    @usableFromInline let alphaMinusOne: Double
    @usableFromInline let b: Double          // 2^(alpha - 1)
    /// Alias table over outcomes 0 ... 255: outcome x ≥ 1 is the value x,
    /// outcome 0 stands for the tail (values ≥ 256). Bucket i keeps i when
    /// the draw's low 56 bits are below `keep[i]`, else takes `alias[i]`.
    @usableFromInline let keep: [UInt64]
    @usableFromInline let alias: [UInt8]
    /// Uniforms at or below this propose values ≥ 256: 256^-(alpha - 1).
    @usableFromInline let tailLimit: Double

    static let headCount = 256

    public init(alpha: Double) {
        precondition(alpha > 1)
        self.alpha = alpha
        alphaMinusOne = alpha - 1
        exponent = -1 / (alpha - 1)
        b = pow(2, alpha - 1)
        tailLimit = pow(Double(Self.headCount), -(alpha - 1))

        let zeta = Self.zeta(alpha)
        var probabilities = [Double](repeating: 0, count: Self.headCount)
        var head = 0.0
        for x in 1..<Self.headCount {
            probabilities[x] = pow(Double(x), -alpha) / zeta
            head += probabilities[x]
        }
        probabilities[0] = max(0, 1 - head)
        (keep, alias) = Self.aliasTable(probabilities)
    }

    @inlinable
    public func draw(_ random: inout RandomStream) -> UInt64 {
        let word = random.next()
        let bucket = Int(truncatingIfNeeded: word >> 56)
        let outcome = keep.withUnsafeBufferPointer { keep in
            alias.withUnsafeBufferPointer { alias in
                word & 0x00ff_ffff_ffff_ffff < keep[bucket] ? bucket : Int(alias[bucket])
            }
        }
        return outcome != 0 ? UInt64(outcome) : drawTail(&random)
    }

    /// Devroye's method with u in (0, tailLimit]: x = floor(u^(-1/(alpha-1)))
    /// is then ≥ 256, and the acceptance test is unchanged.
    @usableFromInline
    func drawTail(_ random: inout RandomStream) -> UInt64 {
        while true {
            let u = tailLimit * (1 - random.unit())
            let v = random.unit()
            let x = floor(pow(u, exponent))
            if x >= 0x1.0p62 || x < Double(Self.headCount) { continue }
            let t = pow(1 + 1 / x, alphaMinusOne)
            if v * x * (t - 1) / (b - 1) <= t / b {
                return UInt64(x)
            }
        }
    }

    /// Riemann zeta for s > 1: the first terms summed, the rest by
    /// Euler-Maclaurin (error far below a double's precision).
    static func zeta(_ s: Double) -> Double {
        let n = 1000.0
        var sum = 0.0
        for k in stride(from: n - 1, through: 1, by: -1) { sum += pow(k, -s) }
        sum += pow(n, 1 - s) / (s - 1) + pow(n, -s) / 2
        sum += s * pow(n, -s - 1) / 12
        sum -= s * (s + 1) * (s + 2) * pow(n, -s - 3) / 720
        return sum
    }

    /// Vose's alias method over `probabilities` (summing to 1), with each
    /// bucket's share as a 56-bit threshold.
    static func aliasTable(_ probabilities: [Double]) -> ([UInt64], [UInt8]) {
        let count = probabilities.count
        var scaled = probabilities.map { $0 * Double(count) }
        var keep = [UInt64](repeating: 1 << 56, count: count)
        var alias = (0..<count).map { UInt8($0) }
        var small = (0..<count).filter { scaled[$0] < 1 }
        var large = (0..<count).filter { scaled[$0] >= 1 }
        while let s = small.popLast() {
            guard let l = large.popLast() else {
                break
            }
            keep[s] = UInt64(scaled[s] * 0x1.0p56)
            alias[s] = UInt8(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        // What is left is 1 up to rounding: keeps itself.
        return (keep, alias)
    }
}
