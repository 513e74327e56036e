/// How a streaming upload cuts and sends its parts.
public struct S3UploadOptions: Sendable, Equatable {
    /// S3's smallest part (all but the last).
    public static let minimumPartSize = 5 * 1024 * 1024
    /// S3's largest part and largest single PUT.
    public static let maximumPartSize = 5 * 1024 * 1024 * 1024
    public static let maximumPartCount = 10_000

    /// Bytes per part. The default, 16 MiB, cuts a 512 MB file into 32
    /// parts; one upload holds at most (maxPartsInFlight + 1) parts (by
    /// reference to the bytes written with an owner, else in copies).
    public var partSize: Int
    /// Parts uploading at once; `write` blocks while this many are in flight.
    public var maxPartsInFlight: Int
    public var contentType: String?

    public init(partSize: Int = 16 * 1024 * 1024, maxPartsInFlight: Int = 4, contentType: String? = nil) {
        self.partSize = partSize
        self.maxPartsInFlight = maxPartsInFlight
        self.contentType = contentType
    }
}
