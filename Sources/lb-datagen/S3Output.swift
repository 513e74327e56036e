import Foundation
import LBHost

/// S3 output, configured from the environment as the reference reads it.
enum S3Output {
    static func makeStore(bucket: String) throws -> ObjectStore {
        do {
            return try S3ObjectStore(bucket: bucket, environment: ProcessInfo.processInfo.environment)
        } catch let error as HostError {
            throw error
        } catch {
            throw HostError("\(error)")
        }
    }
}
