#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Zipf draws ≥ 1 with exponent `alpha` > 1 (unbounded, as numpy's
/// `zipf`), by Devroye's rejection method: about 1.1 tries a draw.
public struct Zipf: Sendable {
    public let alpha: Double
    @usableFromInline let exponent: Double   // -1 / (alpha - 1)
    @usableFromInline let alphaMinusOne: Double
    @usableFromInline let b: Double          // 2^(alpha - 1)
    /// alpha = 1.5 (the usual choice): the two powers are 1/u² and a square
    /// root, several times cheaper than `pow`.
    @usableFromInline let isThreeHalves: Bool

    public init(alpha: Double) {
        precondition(alpha > 1)
        self.alpha = alpha
        alphaMinusOne = alpha - 1
        exponent = -1 / (alpha - 1)
        b = pow(2, alpha - 1)
        isThreeHalves = alpha == 1.5
    }

    @inlinable
    public func draw(_ random: inout RandomStream) -> UInt64 {
        while true {
            let u = 1 - random.unit()
            let v = random.unit()
            let x = floor(isThreeHalves ? 1 / (u * u) : pow(u, exponent))
            if x >= 0x1.0p62 || x < 1 { continue }
            let t = isThreeHalves ? (1 + 1 / x).squareRoot() : pow(1 + 1 / x, alphaMinusOne)
            if v * x * (t - 1) / (b - 1) <= t / b {
                return UInt64(x)
            }
        }
    }
}
