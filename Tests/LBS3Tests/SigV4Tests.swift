import XCTest
import LBHTTP
@testable import LBS3

/// The worked examples of "Signature Calculations for the Authorization
/// Header" in the Amazon S3 API reference (bucket examplebucket, us-east-1,
/// 20130524T000000Z, key AKIAIOSFODNN7EXAMPLE).
final class SigV4Tests: XCTestCase {
    let credentials = S3Credentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE",
                                    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    let host = "examplebucket.s3.amazonaws.com"
    let when = "20130524T000000Z"

    func testGetObjectExample() {
        let s = S3SigV4.sign(
            method: "GET", canonicalURI: "/test.txt", query: [],
            headers: [("Host", host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", S3SigV4.emptyPayloadHash),
                      ("x-amz-date", when)],
            payloadHash: S3SigV4.emptyPayloadHash, credentials: credentials, region: "us-east-1", amzDateTime: when)
        XCTAssertEqual(s.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        XCTAssertEqual(s.authorization,
                       "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                       + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                       + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    func testPutObjectExample() {
        let payload = Array("Welcome to Amazon S3.".utf8)
        let hash = payload.withUnsafeBytes { Hex.string(Digest.sha256($0)) }
        XCTAssertEqual(hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let s = S3SigV4.sign(
            method: "PUT", canonicalURI: "/" + S3SigV4.uriEncode("test$file.text", keepSlash: true), query: [],
            headers: [("Host", host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", when),
                      ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", hash)],
            payloadHash: hash, credentials: credentials, region: "us-east-1", amzDateTime: when)
        XCTAssertEqual(Hex.string(Digest.sha256(s.canonicalRequest)),
                       "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d")
        XCTAssertEqual(s.signedHeaders, "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
        XCTAssertEqual(s.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
    }

    func testGetBucketLifecycleExample() {
        let s = S3SigV4.sign(
            method: "GET", canonicalURI: "/", query: [("lifecycle", "")],
            headers: [("Host", host), ("x-amz-date", when), ("x-amz-content-sha256", S3SigV4.emptyPayloadHash)],
            payloadHash: S3SigV4.emptyPayloadHash, credentials: credentials, region: "us-east-1", amzDateTime: when)
        XCTAssertEqual(s.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
    }

    func testListObjectsExample() {
        let s = S3SigV4.sign(
            method: "GET", canonicalURI: "/", query: [("prefix", "J"), ("max-keys", "2")],
            headers: [("Host", host), ("x-amz-date", when), ("x-amz-content-sha256", S3SigV4.emptyPayloadHash)],
            payloadHash: S3SigV4.emptyPayloadHash, credentials: credentials, region: "us-east-1", amzDateTime: when)
        XCTAssertTrue(s.canonicalRequest.contains("\nmax-keys=2&prefix=J\n"))
        XCTAssertEqual(s.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
    }

    func testURIEncoding() {
        XCTAssertEqual(S3SigV4.uriEncode("a b/c+d~e_f.g-h", keepSlash: true), "a%20b/c%2Bd~e_f.g-h")
        XCTAssertEqual(S3SigV4.uriEncode("a/b=c&d", keepSlash: false), "a%2Fb%3Dc%26d")
        XCTAssertEqual(S3SigV4.uriEncode("é", keepSlash: false), "%C3%A9")
        XCTAssertEqual(S3SigV4.canonicalQuery([("uploads", ""), ("prefix", "a b")]), "prefix=a%20b&uploads=")
    }

    func testAmzDate() {
        let d = S3SigV4.amzDate(unixTime: 1369353600)
        XCTAssertEqual(d.date, "20130524")
        XCTAssertEqual(d.dateTime, "20130524T000000Z")
        XCTAssertEqual(S3SigV4.amzDate(unixTime: 1735689599).dateTime, "20241231T235959Z")
    }

    func testHeaderValuesAreTrimmedAndCollapsed() {
        XCTAssertEqual(S3SigV4.normalizeHeaderValue("  a   b  c "), "a b c")
    }

    func testDigestEncodings() {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        XCTAssertEqual(Base64.string(Digest.md5(empty)), "1B2M2Y8AsgTpgAmY7PhCfg==")
        XCTAssertEqual(Hex.string(Digest.sha256(empty)), S3SigV4.emptyPayloadHash)
        XCTAssertEqual(Base64.string(Array("f".utf8)), "Zg==")
        XCTAssertEqual(Base64.string(Array("fo".utf8)), "Zm8=")
        XCTAssertEqual(Base64.string(Array("foobar".utf8)), "Zm9vYmFy")
    }

    /// A body in segments digests as the bytes joined.
    func testDigestsOverSegmentsEqualThoseOverTheJoinedBytes() {
        var generator = SystemRandomNumberGenerator()
        let data = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        data.withUnsafeBytes { whole in
            for cuts in [[], [1], [0, 0, 50_000], [8191, 8192, 8193], [3, 99_999]] {
                let bounds = [0] + cuts + [whole.count]
                let body = HTTPBody(zip(bounds, bounds.dropFirst()).map { UnsafeRawBufferPointer(rebasing: whole[$0..<$1]) })
                XCTAssertEqual(body.count, whole.count)
                XCTAssertEqual(Checksum.crc32c(body), Checksum.crc32c(whole), "\(cuts)")
                XCTAssertEqual(Checksum.crc64nvme(body), Checksum.crc64nvme(whole), "\(cuts)")
                XCTAssertEqual(Digest.md5(body), Digest.md5(whole), "\(cuts)")
                XCTAssertEqual(Digest.sha256(body), Digest.sha256(whole), "\(cuts)")
            }
        }
        XCTAssertEqual(Hex.string(Digest.sha256(HTTPBody([]))), S3SigV4.emptyPayloadHash)
    }

    /// The CRCs against their published check values and, over lengths and
    /// alignments that take every path (bytes, words, the three-way blocks
    /// of 256 and 8192 bytes), against a plain bit-by-bit CRC.
    func testChecksums() {
        let check = Array("123456789".utf8)
        check.withUnsafeBytes {
            XCTAssertEqual(Checksum.crc32c($0), 0xE306_9283)
            XCTAssertEqual(Checksum.crc64nvme($0), 0xAE8B_1486_0A79_9888)
        }
        XCTAssertEqual(Base64.string(Checksum.bigEndianBytes(UInt32(0xE306_9283))), "4waSgw==")

        func bitwise<T: FixedWidthInteger & UnsignedInteger>(_ bytes: ArraySlice<UInt8>, polynomial: T) -> T {
            var crc = ~T.zero
            for byte in bytes {
                crc ^= T(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            }
            return ~crc
        }
        var generator = SystemRandomNumberGenerator()
        let data = (0..<60_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for (offset, count) in [(0, 0), (1, 1), (3, 7), (5, 767), (2, 768), (7, 24_576), (1, 24_577), (3, 59_990)] {
            let slice = data[offset..<offset + count]
            slice.withUnsafeBytes { body in
                XCTAssertEqual(Checksum.crc32c(body), bitwise(slice, polynomial: UInt32(0x82F6_3B78)), "\(offset)+\(count)")
                // The copying CRC (the trailer's): the same value, and the bytes copied exactly.
                for target in 0..<3 {
                    var running = RunningChecksum(.crc32c)
                    var copy = [UInt8](repeating: 0xEE, count: count + 4)
                    copy.withUnsafeMutableBytes { out in
                        if count > 0 { running.copy(body.baseAddress!, to: out.baseAddress! + target, count: count) }
                    }
                    XCTAssertEqual(running.base64, Base64.string(Checksum.bigEndianBytes(Checksum.crc32c(body))))
                    XCTAssertEqual(Array(copy[target..<target + count]), Array(slice), "\(offset)+\(count) to \(target)")
                    XCTAssertTrue(copy[..<target].allSatisfy { $0 == 0xEE } && copy[(target + count)...].allSatisfy { $0 == 0xEE })
                }
                XCTAssertEqual(Checksum.crc64nvme(body), bitwise(slice, polynomial: UInt64(0x9A6C_9329_AC4B_C9B5)),
                               "\(offset)+\(count)")
            }
        }
    }

    func testListingTimes() {
        XCTAssertEqual(S3Timestamp.seconds("2026-12-01T19:07:14Z"), 1_796_152_034)
        XCTAssertEqual(S3Timestamp.seconds("2026-12-01T19:07:14.000Z"), 1_796_152_034)
        XCTAssertNil(S3Timestamp.seconds("yesterday"))
        XCTAssertNil(S3Timestamp.seconds(nil))
    }

    func testUploadSettingsFromTheEnvironment() throws {
        let base = ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"]
        let plain = try S3Config.fromEnvironment(base)
        XCTAssertEqual(plain.checksum, .crc32c)
        XCTAssertFalse(plain.signPayload)
        let legacy = try S3Config.fromEnvironment(base.merging(["S3_CHECKSUM": "MD5", "S3_SIGN_PAYLOAD": "true"]) { $1 })
        XCTAssertEqual(legacy.checksum, .md5)
        XCTAssertTrue(legacy.signPayload)
        // A CRC on an unsigned body goes as a trailer unless told otherwise;
        // MD5 and signed bodies carry theirs in a header.
        XCTAssertEqual(plain.uploadTrailer?.name, "x-amz-checksum-crc32c")
        XCTAssertNil(legacy.uploadTrailer)
        let header = try S3Config.fromEnvironment(base.merging(["S3_CHECKSUM_TRAILER": "false"]) { $1 })
        XCTAssertNil(header.uploadTrailer)
        let crc64 = try S3Config.fromEnvironment(base.merging(["S3_CHECKSUM": "crc64nvme"]) { $1 })
        XCTAssertEqual(crc64.uploadTrailer?.name, "x-amz-checksum-crc64nvme")
        let signed = try S3Config.fromEnvironment(base.merging(["S3_SIGN_PAYLOAD": "true"]) { $1 })
        XCTAssertNil(signed.uploadTrailer)
        XCTAssertThrowsError(try S3Config.fromEnvironment(base.merging(["S3_CHECKSUM_TRAILER": "maybe"]) { $1 }))
        XCTAssertThrowsError(try S3Config.fromEnvironment(base.merging(["S3_CHECKSUM": "sha1"]) { $1 }))
        XCTAssertThrowsError(try S3Config.fromEnvironment(base.merging(["AWS_REGION": "us east 1"]) { $1 }))
        XCTAssertNoThrow(try S3Config.fromEnvironment(base.merging(["AWS_REGION": "fr-par.1_x"]) { $1 }))
    }
}

final class ConfigAndXMLTests: XCTestCase {
    func testEnvironmentPrecedenceAndDefaults() throws {
        var env = ["S3_ENDPOINT": "http://127.0.0.1:8333", "AWS_ENDPOINT_URL": "http://other:1",
                   "AWS_ACCESS_KEY_ID": "ak", "AWS_SECRET_ACCESS_KEY": "sk", "S3_REGION": "eu-west-3"]
        var c = try S3Config.fromEnvironment(env)
        XCTAssertEqual(c.endpoint.description, "http://127.0.0.1:8333")
        XCTAssertEqual(c.region, "eu-west-3")
        XCTAssertTrue(c.pathStyle)
        XCTAssertTrue(c.transport.verifyTLS)
        XCTAssertNil(c.credentials.sessionToken)

        env["AWS_REGION"] = "us-west-2"
        env["S3_ENDPOINT"] = nil
        env["S3_PATH_STYLE"] = "false"
        env["S3_VERIFY_SSL"] = "False"
        env["AWS_SESSION_TOKEN"] = "tok"
        c = try S3Config.fromEnvironment(env)
        XCTAssertEqual(c.endpoint.description, "http://other:1")
        XCTAssertEqual(c.region, "us-west-2")
        XCTAssertFalse(c.pathStyle)
        XCTAssertFalse(c.transport.verifyTLS)
        XCTAssertEqual(c.credentials.sessionToken, "tok")

        c = try S3Config.fromEnvironment(["AWS_ACCESS_KEY_ID": "ak", "AWS_SECRET_ACCESS_KEY": "sk"])
        XCTAssertEqual(c.region, "us-east-1")
        XCTAssertEqual(c.endpoint.description, "https://s3.us-east-1.amazonaws.com")
    }

    func testEnvironmentErrorsAreOneClearLine() {
        XCTAssertThrowsError(try S3Config.fromEnvironment(["S3_ENDPOINT": "http://h:1"])) {
            XCTAssertEqual("\($0)", "S3 credentials missing: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        XCTAssertThrowsError(try S3Config.fromEnvironment(
            ["S3_ENDPOINT": "h:1", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"])) {
            XCTAssertEqual("\($0)", "S3 endpoint 'h:1' must start with http:// or https://")
        }
        XCTAssertThrowsError(try S3Config.fromEnvironment(
            ["S3_PATH_STYLE": "maybe", "AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"])) {
            XCTAssertEqual("\($0)", "S3_PATH_STYLE must be true or false, not 'maybe'")
        }
    }

    func testEndpointParsing() throws {
        let e = try S3Endpoint("https://minio.example:443/base/")
        XCTAssertEqual(e.authority, "minio.example")
        XCTAssertEqual(e.basePath, "/base")
        XCTAssertEqual(try S3Endpoint("http://[::1]:9000").authority, "[::1]:9000")
        XCTAssertEqual(try S3Endpoint("HTTP://h").description, "http://h")
        XCTAssertThrowsError(try S3Endpoint("http://h:notaport"))
    }

    func testMiniXML() {
        let xml = MiniXML("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
            <Bucket>b</Bucket><KeyMarker></KeyMarker><NextKeyMarker>k&amp;2</NextKeyMarker>
            <Upload><Key>a &lt;1&gt;</Key><UploadId>id1</UploadId></Upload>
            <Upload><Key>b&#233;</Key><UploadId>id2</UploadId></Upload>
            <IsTruncated>false</IsTruncated><Empty/></ListMultipartUploadsResult>
            """)
        let uploads = xml.elements("Upload")
        XCTAssertEqual(uploads.count, 2)
        XCTAssertEqual(xml.text("Key", in: uploads[0]), "a <1>")
        XCTAssertEqual(xml.text("Key", in: uploads[1]), "bé")
        XCTAssertEqual(xml.text("UploadId", in: uploads[1]), "id2")
        XCTAssertEqual(xml.text("NextKeyMarker"), "k&2")
        XCTAssertEqual(xml.text("KeyMarker"), "")
        XCTAssertEqual(xml.text("Empty"), "")
        XCTAssertNil(xml.text("Missing"))
    }

    func testErrorMessages() {
        let e = S3Error(kind: .http, operation: "PutObject", target: "bronze/x", endpoint: "http://h",
                        status: 403, code: "SignatureDoesNotMatch", message: "The signature is wrong.")
        XCTAssertEqual(e.description, "S3 PutObject bronze/x: 403 SignatureDoesNotMatch: The signature is wrong.")
        let c = S3Error(kind: .connection, operation: "HeadBucket", target: "b", endpoint: "http://127.0.0.1:9",
                        message: "Couldn't connect to server", attempts: 2)
        XCTAssertEqual(c.description,
                       "S3 HeadBucket b: cannot connect to http://127.0.0.1:9 (Couldn't connect to server) (after 2 attempts)")
    }

    func testRetryClassificationAndBackoff() {
        XCTAssertTrue(S3ErrorTable.isRetryable(status: 503, code: "SlowDown"))
        XCTAssertTrue(S3ErrorTable.isRetryable(status: 500, code: nil))
        XCTAssertTrue(S3ErrorTable.isRetryable(status: 429, code: nil))
        XCTAssertTrue(S3ErrorTable.isRetryable(status: 400, code: "RequestTimeout"))
        XCTAssertFalse(S3ErrorTable.isRetryable(status: 403, code: "SignatureDoesNotMatch"))
        XCTAssertFalse(S3ErrorTable.isRetryable(status: 404, code: "NoSuchBucket"))
        let p = S3RetryPolicy(maxAttempts: 5, baseDelay: 1, maxDelay: 4)
        for _ in 0..<50 {
            let d1 = p.delay(afterAttempt: 1)
            XCTAssertTrue(d1 >= 0.5 && d1 <= 1)
            let d5 = p.delay(afterAttempt: 5)
            XCTAssertTrue(d5 >= 2 && d5 <= 4)
        }
    }
}
