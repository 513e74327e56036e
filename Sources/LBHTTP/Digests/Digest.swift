// Digests over OpenSSL libcrypto.
import COpenSSL

/// The digests HTTP APIs put in headers and signatures.
public enum Digest {
    public static func sha256(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        sha256(HTTPBody(data))
    }

    /// Over the body's segments in turn, never joined.
    public static func sha256(_ body: HTTPBody) -> [UInt8] {
        digest(body, size: 32, lb_sha256_segments, name: "SHA-256")
    }

    public static func sha256<S: StringProtocol>(_ text: S) -> [UInt8] {
        var s = String(text)
        return s.withUTF8 { sha256(UnsafeRawBufferPointer($0)) }
    }

    public static func md5(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        md5(HTTPBody(data))
    }

    public static func md5(_ body: HTTPBody) -> [UInt8] {
        digest(body, size: 16, lb_md5_segments, name: "MD5")
    }

    private typealias SegmentDigest = (UnsafePointer<UnsafeRawPointer?>?, UnsafePointer<Int>?, Int,
                                       UnsafeMutablePointer<UInt8>?) -> Int32

    private static func digest(_ body: HTTPBody, size: Int, _ function: SegmentDigest, name: String) -> [UInt8] {
        let starts: [UnsafeRawPointer?] = body.segments.map { $0.baseAddress.map(UnsafeRawPointer.init) }
        let lengths = body.segments.map(\.count)
        var out = [UInt8](repeating: 0, count: size)
        let ok = out.withUnsafeMutableBufferPointer { o in
            function(starts, lengths, starts.count, o.baseAddress)
        }
        precondition(ok == 1, "OpenSSL \(name) failed")
        return out
    }

    public static func hmacSHA256(key: [UInt8], data: String) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var d = data
        let ok = d.withUTF8 { dp in
            key.withUnsafeBufferPointer { kp in
                out.withUnsafeMutableBufferPointer { o in
                    lb_hmac_sha256(kp.baseAddress, kp.count, dp.baseAddress, dp.count, o.baseAddress)
                }
            }
        }
        precondition(ok == 1, "OpenSSL HMAC-SHA256 failed")
        return out
    }
}
