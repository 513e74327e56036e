import Foundation
import LBHost
import LBS3

/// S3 output, configured from the environment as the reference reads it.
enum S3Output {
    /// `deliveryMode` as Lakebench's newer Job means it: "batch" uploads a
    /// finished file with one PUT (the whole file is one part), "continuous"
    /// streams 5 MiB parts, at most 4 in flight; nil keeps the defaults
    /// (16 MiB parts, 4 in flight).
    static func makeStore(bucket: String, deliveryMode: String?, fileBytes: Double) throws -> ObjectStore {
        var partSize: Int?
        var inFlight: Int?
        switch deliveryMode {
        case "batch":
            // Room for a file somewhat over its target size, within S3's part limit.
            partSize = min(max(Int(fileBytes * 1.25), S3UploadOptions.minimumPartSize), S3UploadOptions.maximumPartSize)
            inFlight = 1
        case "continuous":
            partSize = S3UploadOptions.minimumPartSize
            inFlight = 4
        default:
            break
        }
        do {
            return try S3ObjectStore(bucket: bucket, environment: ProcessInfo.processInfo.environment,
                                     partSize: partSize, maxPartsInFlight: inFlight)
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError("\(error)")
        }
    }
}
