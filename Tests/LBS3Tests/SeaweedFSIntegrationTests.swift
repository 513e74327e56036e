import Foundation
import XCTest
import LBHTTP
@testable import LBS3

/// Against a real SeaweedFS on 127.0.0.1, started once for this class.
final class SeaweedFSIntegrationTests: XCTestCase {
    nonisolated(unsafe) private static var server: SeaweedFSServer?
    nonisolated(unsafe) private static var startError: Error?
    private static let bucket = "lbs3-test"

    override class func setUp() {
        super.setUp()
        do {
            let s = try SeaweedFSServer()
            try s.client().createBucket(bucket)
            server = s
        } catch {
            startError = error
        }
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private var server: SeaweedFSServer!
    private var s3: S3Client!
    private var bucket: String { Self.bucket }

    override func setUpWithError() throws {
        // A missing or broken `weed` fails every test here, loudly.
        if let e = Self.startError { XCTFail("SeaweedFS could not start: \(e)"); throw e }
        server = Self.server
        s3 = server.client()
    }

    private func pseudoRandomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var x = seed | 1
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { raw in
            var i = 0
            while i < count {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17
                var v = x
                for _ in 0..<8 where i < count { raw[i] = UInt8(truncatingIfNeeded: v); v >>= 8; i += 1 }
            }
        }
        return out
    }

    func testPutGetListDeleteSmallObjects() throws {
        let body = Array("hello, lakebench".utf8)
        let key = "small/a b+c=d&é.txt"
        try s3.putObject(bucket: bucket, key: key, bytes: body)
        XCTAssertEqual(try s3.getObject(bucket: bucket, key: key), body)
        XCTAssertEqual(try s3.headObject(bucket: bucket, key: key)?.size, body.count)
        XCTAssertEqual(try s3.getObject(bucket: bucket, key: key, range: 7..<16), Array("lakebench".utf8))
        XCTAssertEqual(try s3.getObject(bucket: bucket, key: key, range: 0..<1), Array("h".utf8))
        XCTAssertEqual(try s3.getObject(bucket: bucket, key: key, range: 12..<100), Array("ench".utf8))

        for i in 0..<5 { try s3.putObject(bucket: bucket, key: "small/list/k\(i)", bytes: [UInt8(i)]) }
        var keys: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try s3.listObjectsPage(bucket: bucket, prefix: "small/list/", continuationToken: token, maxKeys: 2)
            keys += page.objects.map(\.key)
            token = page.nextContinuationToken
            pages += 1
        } while token != nil && pages < 10
        XCTAssertEqual(keys, (0..<5).map { "small/list/k\($0)" })
        XCTAssertGreaterThanOrEqual(pages, 3)
        XCTAssertEqual(try s3.listObjects(bucket: bucket, prefix: "small/").map(\.key).sorted(),
                       ([key] + (0..<5).map { "small/list/k\($0)" }).sorted())

        try s3.deleteObject(bucket: bucket, key: key)
        XCTAssertNil(try s3.headObject(bucket: bucket, key: key))
        XCTAssertThrowsError(try s3.getObject(bucket: bucket, key: key)) { error in
            XCTAssertEqual((error as? S3Error)?.status, 404)
            XCTAssertTrue("\(error)".hasPrefix("S3 GetObject \(bucket)/\(key): 404 NoSuchKey"), "\(error)")
        }
    }

    func testMultipartUploadOfThreePartsReadsBackIdentical() throws {
        let part = S3UploadOptions.minimumPartSize
        let data = pseudoRandomBytes(3 * part + 12_345, seed: 42)
        let key = "multi/three-parts.bin"
        let writer = try s3.makeWriter(bucket: bucket, key: key,
                                       options: S3UploadOptions(partSize: part, maxPartsInFlight: 2))
        var offset = 0
        var chunk = 1
        try data.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = min(chunk * 97_531, raw.count - offset)
                try writer.write(UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]))
                offset += n
                chunk = chunk % 29 + 1
                if offset > 2 * part + 1 && offset - n <= 2 * part + 1 {
                    // Two parts handed over, nothing visible under the key yet.
                    XCTAssertNotNil(writer.multipartUploadId)
                    XCTAssertNil(try s3.headObject(bucket: bucket, key: key))
                    XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: key).map(\.key), [key])
                }
            }
        }
        XCTAssertEqual(writer.bytesWritten, data.count)
        try writer.commit()
        XCTAssertEqual(try s3.headObject(bucket: bucket, key: key)?.size, data.count)
        let back = try s3.getObject(bucket: bucket, key: key)
        XCTAssertEqual(back.count, data.count)
        XCTAssertTrue(back == data, "multipart object differs from what was written")
        XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: "multi/").count, 0)
    }

    /// Memory the writer may keep instead of copying, as the encoder's page
    /// buffers are: it must stay alive exactly until its part is up.
    private final class OwnedBytes {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    func testOwnedBuffersGoUpInPlaceAcrossPartsAndAreReleasedAfterwards() throws {
        let part = S3UploadOptions.minimumPartSize
        let key = "owned/mixed.bin"
        let writer = try s3.makeWriter(bucket: bucket, key: key,
                                       options: S3UploadOptions(partSize: part, maxPartsInFlight: 2))
        // Kept (large) and copied (small, or written without an owner)
        // pieces interleaved; kept ones cross part boundaries.
        let sizes = [(3 * part / 2, true), (10_000, true), (700_000, false), (2 * part + 333, true),
                     (S3MultipartWriter.smallestKeptSegment, true), (5, false), (part - 1, true), (77_777, false)]
        var expected: [UInt8] = []
        var released: [() -> Bool] = []
        for (index, (size, owned)) in sizes.enumerated() {
            let bytes = pseudoRandomBytes(size, seed: UInt64(100 + index))
            expected += bytes
            if owned {
                let owner = OwnedBytes(bytes)
                weak var watched = owner
                released.append { watched == nil }
                try owner.bytes.withUnsafeBytes { try writer.write($0, keepingAlive: owner) }
            } else {
                try writer.write(bytes)
            }
        }
        // The last piece is still in the part being filled: its owner lives on
        // in the writer although this test dropped it.
        XCTAssertFalse(released[released.count - 1](), "an owner went before its bytes were sent")
        XCTAssertEqual(writer.bytesWritten, expected.count)
        try writer.commit()
        XCTAssertTrue(released.allSatisfy { $0() }, "the writer kept owners after the upload")
        XCTAssertTrue(try s3.getObject(bucket: bucket, key: key) == expected, "the object differs from what was written")

        // One part made of a kept buffer and a copy goes as a single PUT.
        let single = try s3.makeWriter(bucket: bucket, key: "owned/single.bin",
                                       options: S3UploadOptions(partSize: part))
        let owner = OwnedBytes(pseudoRandomBytes(part / 2, seed: 1))
        try owner.bytes.withUnsafeBytes { try single.write($0, keepingAlive: owner) }
        try single.write([1, 2, 3])
        try single.commit()
        XCTAssertNil(single.multipartUploadId)
        XCTAssertEqual(try s3.getObject(bucket: bucket, key: "owned/single.bin"), owner.bytes + [1, 2, 3])
    }

    func testKeptAndCopiedBytesMeetingAtPartBoundaries() throws {
        let part = S3UploadOptions.minimumPartSize
        // Copies filling a part exactly, then a kept buffer: the kept bytes
        // start the second part.
        let first = pseudoRandomBytes(part, seed: 21)
        let kept = OwnedBytes(pseudoRandomBytes(part / 2, seed: 22))
        let writer = try s3.makeWriter(bucket: bucket, key: "owned/boundary.bin", options: S3UploadOptions(partSize: part))
        try writer.write(first)
        try kept.bytes.withUnsafeBytes { try writer.write($0, keepingAlive: kept) }
        try writer.commit()
        XCTAssertNotNil(writer.multipartUploadId)
        XCTAssertTrue(try s3.getObject(bucket: bucket, key: "owned/boundary.bin") == first + kept.bytes)

        // A kept buffer filling the only part exactly: one PUT.
        let whole = OwnedBytes(pseudoRandomBytes(part, seed: 23))
        let single = try s3.makeWriter(bucket: bucket, key: "owned/exact.bin", options: S3UploadOptions(partSize: part))
        try whole.bytes.withUnsafeBytes { try single.write($0, keepingAlive: whole) }
        try single.commit()
        XCTAssertNil(single.multipartUploadId)
        XCTAssertTrue(try s3.getObject(bucket: bucket, key: "owned/exact.bin") == whole.bytes)
    }

    func testAbortReleasesTheOwnersOfPartsInFlight() throws {
        let part = S3UploadOptions.minimumPartSize
        let key = "owned/aborted.bin"
        let writer = try s3.makeWriter(bucket: bucket, key: key,
                                       options: S3UploadOptions(partSize: part, maxPartsInFlight: 3))
        var released: [() -> Bool] = []
        for index in 0..<3 {
            let owner = OwnedBytes(pseudoRandomBytes(part + 1000, seed: UInt64(30 + index)))
            weak var watched = owner
            released.append { watched == nil }
            try owner.bytes.withUnsafeBytes { try writer.write($0, keepingAlive: owner) }
        }
        XCTAssertNotNil(writer.multipartUploadId)
        writer.abort()
        XCTAssertTrue(released.allSatisfy { $0() }, "an aborted writer kept its owners")
        XCTAssertNil(try s3.headObject(bucket: bucket, key: key))
        XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: key).count, 0)
    }

    func testObjectThatFitsOnePartGoesAsSinglePut() throws {
        let key = "single/one.bin"
        let data = pseudoRandomBytes(S3UploadOptions.minimumPartSize, seed: 7)  // exactly one part
        let writer = try s3.makeWriter(bucket: bucket, key: key,
                                       options: S3UploadOptions(partSize: S3UploadOptions.minimumPartSize))
        try writer.write(data)
        try writer.commit()
        XCTAssertNil(writer.multipartUploadId)
        XCTAssertEqual(try s3.getObject(bucket: bucket, key: key), data)

        let empty = try s3.makeWriter(bucket: bucket, key: "single/empty.bin")
        try empty.commit()
        XCTAssertEqual(try s3.headObject(bucket: bucket, key: "single/empty.bin")?.size, 0)
    }

    func testAbortLeavesNoObjectAndNoOpenUpload() throws {
        let key = "abort/never.bin"
        let part = S3UploadOptions.minimumPartSize
        let writer = try s3.makeWriter(bucket: bucket, key: key, options: S3UploadOptions(partSize: part))
        try writer.write(pseudoRandomBytes(2 * part + 100, seed: 9))
        XCTAssertNotNil(writer.multipartUploadId)
        writer.abort()
        XCTAssertNil(try s3.headObject(bucket: bucket, key: key))
        XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: "abort/").count, 0)
        XCTAssertEqual(try s3.listObjects(bucket: bucket, prefix: "abort/").count, 0)
        XCTAssertThrowsError(try writer.commit())
    }

    func testAbortingStaleUploadsUnderAPrefix() throws {
        // What a killed run leaves: an upload with a part, never completed.
        let key = "stale/run1/part-000003.parquet"
        let id = try s3.createMultipartUpload(bucket: bucket, key: key)
        let data = pseudoRandomBytes(1000, seed: 3)
        _ = try data.withUnsafeBytes {
            try s3.uploadPart(bucket: bucket, key: key, uploadId: id, partNumber: 1, body: $0)
        }
        let other = try s3.createMultipartUpload(bucket: bucket, key: "elsewhere/x")
        XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: "stale/").map(\.uploadId), [id])
        XCTAssertEqual(try s3.abortMultipartUploads(bucket: bucket, prefix: "stale/"), 1)
        XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: "stale/").count, 0)
        XCTAssertNil(try s3.headObject(bucket: bucket, key: key))
        XCTAssertEqual(try s3.listMultipartUploads(bucket: bucket, prefix: "elsewhere/").count, 1)
        try s3.abortMultipartUpload(bucket: bucket, key: "elsewhere/x", uploadId: other)
        // Aborting again is harmless.
        try s3.abortMultipartUpload(bucket: bucket, key: "elsewhere/x", uploadId: other)
    }

    func testCorruptedBodyIsRejectedByItsChecksum() throws {
        // The Content-MD5 of other bytes: the server must refuse the part.
        let key = "corrupt/part.bin"
        let id = try s3.createMultipartUpload(bucket: bucket, key: key)
        defer { try? s3.abortMultipartUpload(bucket: bucket, key: key, uploadId: id) }
        let data = pseudoRandomBytes(4096, seed: 5)
        let wrongMD5 = Base64.string(Array(repeating: 0, count: 16))
        XCTAssertThrowsError(try data.withUnsafeBytes { body in
            try s3.send(operation: "UploadPart", bucket: bucket, key: key, method: "PUT",
                        query: [("partNumber", "1"), ("uploadId", id)], headers: [("content-md5", wrongMD5)],
                        body: HTTPBody(body))
        }) { error in
            XCTAssertEqual((error as? S3Error)?.status, 400, "\(error)")
            XCTAssertEqual((error as? S3Error)?.code, "BadDigest", "\(error)")
        }
    }

    func testWrongSecretIsAClear403WithoutRetries() throws {
        let bad = server.client(secret: "not-the-secret", maxAttempts: 4)
        XCTAssertThrowsError(try bad.putObject(bucket: bucket, key: "x", bytes: [1, 2, 3])) { error in
            let e = error as? S3Error
            XCTAssertEqual(e?.status, 403)
            XCTAssertEqual(e?.attempts, 1)
            XCTAssertTrue("\(error)".hasPrefix("S3 PutObject \(bucket)/x: 403 SignatureDoesNotMatch"), "\(error)")
        }
        XCTAssertThrowsError(try bad.headBucket(bucket)) { error in
            XCTAssertTrue("\(error)".contains("403 SignatureDoesNotMatch"), "\(error)")
        }
        XCTAssertNil(try s3.headObject(bucket: bucket, key: "x"))
    }

    func testMissingBucketIsAClear404() throws {
        XCTAssertThrowsError(try s3.headBucket("no-such-bucket")) { error in
            XCTAssertEqual((error as? S3Error)?.status, 404)
            XCTAssertEqual("\(error)", "S3 HeadBucket no-such-bucket: 404 NotFound")
        }
        XCTAssertThrowsError(try s3.putObject(bucket: "no-such-bucket", key: "k", bytes: [1])) { error in
            XCTAssertTrue("\(error)".hasPrefix("S3 PutObject no-such-bucket/k: 404 NoSuchBucket"), "\(error)")
        }
    }

    func testNothingListeningIsAQuickConnectionError() throws {
        let port = try freePorts(1)[0]
        var c = try S3Config(endpoint: "http://127.0.0.1:\(port)", accessKeyId: "a", secretAccessKey: "b")
        c.transport.connectTimeout = 2
        c.retry = S3RetryPolicy(maxAttempts: 2, baseDelay: 0.05, maxDelay: 0.1)
        let start = Date()
        XCTAssertThrowsError(try S3Client(config: c).headBucket("bronze")) { error in
            XCTAssertEqual((error as? S3Error)?.kind, .connection)
            XCTAssertEqual("\(error)", "S3 HeadBucket bronze: cannot connect to http://127.0.0.1:\(port) "
                           + "(Couldn't connect to server) (after 2 attempts)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testSilentServerTimesOutAndIsRetried() throws {
        // Accepts connections (kernel backlog) but never answers.
        let (fd, port) = try boundSocket(listen: true)
        defer { close(fd) }
        var c = try S3Config(endpoint: "http://127.0.0.1:\(port)", accessKeyId: "a", secretAccessKey: "b")
        c.transport.requestTimeout = 0.5
        c.retry = S3RetryPolicy(maxAttempts: 2, baseDelay: 0.05, maxDelay: 0.1)
        let start = Date()
        XCTAssertThrowsError(try S3Client(config: c).putObject(bucket: "b", key: "k", bytes: [1])) { error in
            XCTAssertEqual((error as? S3Error)?.kind, .timeout)
            XCTAssertEqual((error as? S3Error)?.attempts, 2)
            XCTAssertTrue("\(error)".hasPrefix("S3 PutObject b/k: no answer in time from http://127.0.0.1:\(port)"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }
}

extension SeaweedFSIntegrationTests {
    /// Opt-in (LB_S3_PERF=1): streams 256 MiB through the writer with the
    /// default options and prints the rate; loopback SeaweedFS is the limit.
    func testStreamingThroughputWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["LB_S3_PERF"] == "1" else { return }
        let chunk = pseudoRandomBytes(1 << 20, seed: 11)
        let total = 256
        let writer = try s3.makeWriter(bucket: bucket, key: "perf/256MiB.bin")
        let start = Date()
        for _ in 0..<total { try writer.write(chunk) }
        let written = Date().timeIntervalSince(start)
        try writer.commit()
        let elapsed = Date().timeIntervalSince(start)
        print("S3 streaming: \(total) MiB in \(String(format: "%.2f", elapsed)) s "
              + "(\(String(format: "%.0f", Double(total) / elapsed)) MiB/s; writes returned after \(String(format: "%.2f", written)) s)")
        XCTAssertEqual(try s3.headObject(bucket: bucket, key: "perf/256MiB.bin")?.size, total << 20)
        try s3.deleteObject(bucket: bucket, key: "perf/256MiB.bin")
    }
}
