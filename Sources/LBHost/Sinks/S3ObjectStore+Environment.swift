import LBS3

extension S3ObjectStore {
    /// Whether the environment names an S3 endpoint (S3_ENDPOINT or AWS_ENDPOINT_URL):
    /// with no --output and no --bucket, that is what makes output go to S3.
    public static func environmentNamesEndpoint(_ environment: [String: String]) -> Bool {
        S3Config.environmentEndpoint(environment) != nil
    }

    /// S3 output configured from `environment` as the reference reads it.
    /// `deliveryMode` as Lakebench's newer Job means it: "batch" uploads a
    /// finished file with one PUT (the whole file is one part), "continuous"
    /// streams 5 MiB parts, at most 4 in flight; nil keeps the defaults
    /// (16 MiB parts, 4 in flight).
    public convenience init(bucket: String, environment: [String: String], deliveryMode: DeliveryMode?, fileBytes: Double) throws {
        var partSize: Int?
        var inFlight: Int?
        switch deliveryMode {
        case .batch:
            // Room for a file somewhat over its target size, within S3's part limit.
            partSize = min(max(Int(fileBytes * 1.25), S3UploadOptions.minimumPartSize), S3UploadOptions.maximumPartSize)
            inFlight = 1
        case .continuous:
            partSize = S3UploadOptions.minimumPartSize
            inFlight = 4
        case nil:
            break
        }
        do {
            try self.init(bucket: bucket, environment: environment, partSize: partSize, maxPartsInFlight: inFlight)
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError("\(error)")
        }
    }
}
