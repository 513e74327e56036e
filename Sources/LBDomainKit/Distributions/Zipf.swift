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
    /// alpha = 1.5 (the usual choice): the power is 1/u², and the test
    /// needs neither `pow` nor, most of the time, anything but a compare.
    @usableFromInline let isThreeHalves: Bool
    /// (b - 1) / b, and twice it: the acceptance bound's factor and its
    /// floor (see `draw`).
    @usableFromInline let bound: Double
    @usableFromInline let squeeze: Double

    public init(alpha: Double) {
        precondition(alpha > 1)
        self.alpha = alpha
        alphaMinusOne = alpha - 1
        exponent = -1 / (alpha - 1)
        b = pow(2, alpha - 1)
        isThreeHalves = alpha == 1.5
        bound = (b - 1) / b
        squeeze = 2 * bound
    }

    @inlinable
    public func draw(_ random: inout RandomStream) -> UInt64 {
        while true {
            let u = 1 - random.unit()
            let v = random.unit()
            if isThreeHalves {
                // Devroye's test v·x·(t - 1) / (b - 1) <= t / b with
                // t = sqrt(1 + 1/x) is v <= t·(t + 1)·(b - 1)/b, since
                // x·(t - 1) = 1 / (t + 1). As t > 1, v <= 2·(b - 1)/b
                // accepts without computing t (over half the draws).
                let x = (1 / (u * u)).rounded(.down)
                if x >= 0x1.0p62 { continue }
                if v <= squeeze { return UInt64(x) }
                let t = (1 + 1 / x).squareRoot()
                if v <= t * (t + 1) * bound { return UInt64(x) }
                continue
            }
            let x = floor(pow(u, exponent))
            if x >= 0x1.0p62 || x < 1 { continue }
            let t = pow(1 + 1 / x, alphaMinusOne)
            if v * x * (t - 1) / (b - 1) <= t / b {
                return UInt64(x)
            }
        }
    }
}
