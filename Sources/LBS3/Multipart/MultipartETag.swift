import LBHTTP

/// How S3 names a multipart object's content: a recomputation that proves a
/// completed upload is ours when its answer was lost.
enum MultipartETag {
    /// The ETag S3 gives an object completed from `parts` when each part's
    /// ETag is its MD5 (hex): the MD5 of those digests, then "-<parts>".
    /// Nil when a part's ETag is not an MD5.
    static func expected(for parts: [S3CompletedPart]) -> String? {
        var digests: [UInt8] = []
        for p in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            let hex = Array(p.etag.filter { $0 != "\"" }.utf8)
            guard hex.count == 32 else { return nil }
            for i in stride(from: 0, to: 32, by: 2) {
                guard let high = hexValue(hex[i]), let low = hexValue(hex[i + 1]) else { return nil }
                digests.append(high << 4 | low)
            }
        }
        guard !digests.isEmpty else { return nil }
        return digests.withUnsafeBytes { Hex.string(Digest.md5($0)) } + "-\(parts.count)"
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
