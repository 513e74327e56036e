/// A server's answer, whatever its status.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Names lower-cased, in the order received.
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The last value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.last(where: { $0.0 == n })?.1
    }
}
