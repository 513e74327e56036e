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
    /// Outcomes 0 ... 255: outcome x ≥ 1 is the value x, outcome 0 stands
    /// for the tail (values ≥ 256).
    @usableFromInline let head: AliasTable
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
        var headMass = 0.0
        for x in 1..<Self.headCount {
            probabilities[x] = pow(Double(x), -alpha) / zeta
            headMass += probabilities[x]
        }
        probabilities[0] = max(0, 1 - headMass)
        head = AliasTable(probabilities: probabilities)
    }

    @inlinable
    public func draw(_ random: inout RandomStream) -> UInt64 {
        let outcome = head.index(random.next())
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
}
