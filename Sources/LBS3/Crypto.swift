// Digests (OpenSSL libcrypto) and the text encodings Signature V4 needs.
import COpenSSL

enum Digest {
    static func sha256(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = out.withUnsafeMutableBufferPointer { o in
            lb_sha256(data.baseAddress, data.count, o.baseAddress)
        }
        precondition(ok == 1, "OpenSSL SHA-256 failed")
        return out
    }

    static func sha256<S: StringProtocol>(_ text: S) -> [UInt8] {
        var s = String(text)
        return s.withUTF8 { sha256(UnsafeRawBufferPointer($0)) }
    }

    static func md5(_ data: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        let ok = out.withUnsafeMutableBufferPointer { o in
            lb_md5(data.baseAddress, data.count, o.baseAddress)
        }
        precondition(ok == 1, "OpenSSL MD5 failed")
        return out
    }

    static func hmacSHA256(key: [UInt8], data: String) -> [UInt8] {
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

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
private let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

func hexString(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

func base64String(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 3 <= bytes.count {
        let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
        out.append(base64Alphabet[Int(n >> 18 & 63)])
        out.append(base64Alphabet[Int(n >> 12 & 63)])
        out.append(base64Alphabet[Int(n >> 6 & 63)])
        out.append(base64Alphabet[Int(n & 63)])
        i += 3
    }
    let rest = bytes.count - i
    if rest == 1 {
        let n = UInt32(bytes[i]) << 16
        out.append(base64Alphabet[Int(n >> 18 & 63)])
        out.append(base64Alphabet[Int(n >> 12 & 63)])
        out.append(UInt8(ascii: "="))
        out.append(UInt8(ascii: "="))
    } else if rest == 2 {
        let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
        out.append(base64Alphabet[Int(n >> 18 & 63)])
        out.append(base64Alphabet[Int(n >> 12 & 63)])
        out.append(base64Alphabet[Int(n >> 6 & 63)])
        out.append(UInt8(ascii: "="))
    }
    return String(decoding: out, as: UTF8.self)
}

/// The hashes S3 wants for a request body: SHA-256 (hex, for Signature V4's
/// x-amz-content-sha256) and MD5 (base64, for Content-MD5).
struct PayloadDigests: Sendable {
    let sha256Hex: String
    let md5Base64: String

    init(_ body: UnsafeRawBufferPointer) {
        sha256Hex = hexString(Digest.sha256(body))
        md5Base64 = base64String(Digest.md5(body))
    }
}
