import LBHTTP

/// The checksum every uploaded body (object or part) carries, which the
/// server verifies before it keeps the bytes: a body altered on the way
/// fails its upload. The CRCs cost a fraction of MD5 (CRC-32C runs at over
/// 10 GB/s with SSE4.2, MD5 at about 0.9 GB/s); Content-MD5 is for stores
/// that know no other (see docs/performance.md for which accept what).
public enum S3Checksum: String, Sendable, CaseIterable {
    case crc32c
    case crc64nvme
    case md5

    /// The header that carries it.
    var header: String {
        switch self {
        case .crc32c: "x-amz-checksum-crc32c"
        case .crc64nvme: "x-amz-checksum-crc64nvme"
        case .md5: "content-md5"
        }
    }

    /// x-amz-checksum-algorithm at CreateMultipartUpload, and the element
    /// that repeats each part's value in CompleteMultipartUpload; nil for
    /// Content-MD5, which needs neither.
    var algorithm: (name: String, element: String)? {
        switch self {
        case .crc32c: ("CRC32C", "ChecksumCRC32C")
        case .crc64nvme: ("CRC64NVME", "ChecksumCRC64NVME")
        case .md5: nil
        }
    }

    /// The CRC as taken while the body goes out; nil for MD5, which goes
    /// only as a header.
    var runningAlgorithm: RunningChecksum.Algorithm? {
        switch self {
        case .crc32c: .crc32c
        case .crc64nvme: .crc64nvme
        case .md5: nil
        }
    }

    /// The header's value for `body` (base64 of the digest's bytes).
    func value(_ body: HTTPBody) -> String {
        switch self {
        case .crc32c: Base64.string(Checksum.bigEndianBytes(Checksum.crc32c(body)))
        case .crc64nvme: Base64.string(Checksum.bigEndianBytes(Checksum.crc64nvme(body)))
        case .md5: Base64.string(Digest.md5(body))
        }
    }
}
