// One-shot digests over OpenSSL libcrypto.
import COpenSSL

/// The digests HTTP APIs put in headers and signatures.
public enum Digest {
    public static func sha256(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = out.withUnsafeMutableBufferPointer { o in
            lb_sha256(data.baseAddress, data.count, o.baseAddress)
        }
        precondition(ok == 1, "OpenSSL SHA-256 failed")
        return out
    }

    public static func sha256<S: StringProtocol>(_ text: S) -> [UInt8] {
        var s = String(text)
        return s.withUTF8 { sha256(UnsafeRawBufferPointer($0)) }
    }

    public static func md5(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        let ok = out.withUnsafeMutableBufferPointer { o in
            lb_md5(data.baseAddress, data.count, o.baseAddress)
        }
        precondition(ok == 1, "OpenSSL MD5 failed")
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
