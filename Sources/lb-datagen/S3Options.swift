import ArgumentParser

/// How uploads to S3 are guarded and cut. Each flag stands for an
/// environment variable (which a pod's spec may set instead) and wins over it.
struct S3Options: ParsableArguments {
    @Option(name: .customLong("s3-checksum"), help: "S3 uploads: crc32c (default), crc64nvme or md5, the checksum each part carries and the server verifies (env S3_CHECKSUM).")
    var checksum: String?
    @Option(name: .customLong("s3-sign-payload"), help: "S3 uploads: true signs each part's SHA-256, false (default) sends UNSIGNED-PAYLOAD (env S3_SIGN_PAYLOAD).")
    var signPayload: String?
    @Option(name: .customLong("s3-checksum-trailer"), help: "S3 uploads: true (default) sends a CRC checksum as a trailer (aws-chunked), taken as the bytes go out; false sends it as a header, a pass over each part before it goes (env S3_CHECKSUM_TRAILER).")
    var checksumTrailer: String?
    @Option(name: .customLong("s3-part-size-mb"), help: "S3 uploads: part size, MiB, 5 to 5120 (default 16; env S3_PART_SIZE_MB).")
    var partSizeMB: String?
    @Option(name: .customLong("s3-parts-in-flight"), help: "S3 uploads: parts uploading at once per file, 1 to 64 (default 4; env S3_PARTS_IN_FLIGHT).")
    var partsInFlight: String?

    /// `base` with these flags' values over their variables.
    func environment(_ base: [String: String]) -> [String: String] {
        var environment = base
        let flags = [("S3_CHECKSUM", checksum), ("S3_SIGN_PAYLOAD", signPayload), ("S3_CHECKSUM_TRAILER", checksumTrailer),
                     ("S3_PART_SIZE_MB", partSizeMB), ("S3_PARTS_IN_FLIGHT", partsInFlight)]
        for case let (name, value?) in flags { environment[name] = value }
        return environment
    }
}
