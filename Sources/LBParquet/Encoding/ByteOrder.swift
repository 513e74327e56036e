
#if canImport(Glibc)
import Glibc
#endif

/// Unsigned byte-wise lexicographic order, the spec's order for strings.
enum ByteOrder {
    @inline(__always)
    static func less(_ a: UnsafeRawPointer, _ aCount: Int, _ b: UnsafeRawPointer, _ bCount: Int) -> Bool {
        let common = min(aCount, bCount)
        if common > 0 {
            let c = memcmp(a, b, common)
            if c != 0 { return c < 0 }
        }
        return aCount < bCount
    }
}
