/// A server's answer, whatever its status.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Names lower-cased, in the order received.
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// The value of the request's checksum trailer as sent, if it had one.
    public var sentTrailerValue: String?

    public init(status: Int, headers: [(String, String)], body: [UInt8], sentTrailerValue: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.sentTrailerValue = sentTrailerValue
    }

    /// The last value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.last(where: { $0.0 == n })?.1
    }
}
