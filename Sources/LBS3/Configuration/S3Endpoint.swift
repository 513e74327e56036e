import LBHTTP

/// An S3 endpoint: `http(s)://host[:port][/base/path]`.
public struct S3Endpoint: Sendable, Equatable, CustomStringConvertible {
    public let scheme: String
    /// Host name or address; an IPv6 address keeps its brackets.
    public let host: String
    /// The port given in the URL, if any.
    public let port: Int?
    /// A path prefix before the bucket ("" or "/something", no trailing slash).
    public let basePath: String

    public init(_ url: String) throws {
        var rest = Substring(url.trimmingSpaces())
        let scheme: String
        if rest.lowercased().hasPrefix("https://") {
            scheme = "https"; rest = rest.dropFirst(8)
        } else if rest.lowercased().hasPrefix("http://") {
            scheme = "http"; rest = rest.dropFirst(7)
        } else {
            throw S3Error.configuration("S3 endpoint '\(url)' must start with http:// or https://")
        }
        let authority: Substring
        var path: Substring = ""
        if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = rest[..<slash]
            path = rest[slash...]
            if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<q] }
        } else {
            authority = rest
        }
        if authority.contains("@") {
            throw S3Error.configuration("S3 endpoint '\(url)' must not carry credentials; use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        var host = authority
        var port: Int?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else {
                throw S3Error.configuration("S3 endpoint '\(url)' has a malformed IPv6 address")
            }
            let after = host[host.index(after: close)...]
            host = host[...close]
            if after.hasPrefix(":") { port = Int(after.dropFirst()); if port == nil { throw S3Error.configuration("S3 endpoint '\(url)' has a bad port") } }
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), p > 0, p < 65536 else {
                throw S3Error.configuration("S3 endpoint '\(url)' has a bad port")
            }
            port = p
            host = host[..<colon]
        }
        guard !host.isEmpty else { throw S3Error.configuration("S3 endpoint '\(url)' has no host") }
        while path.hasSuffix("/") { path = path.dropLast() }
        self.scheme = scheme
        self.host = String(host)
        self.port = port
        self.basePath = String(path)
    }

    /// The Host header value: the port only when not the scheme's default.
    public var authority: String { authority(forHost: host) }

    func authority(forHost h: String) -> String {
        if let port, !(scheme == "http" && port == 80) && !(scheme == "https" && port == 443) {
            return "\(h):\(port)"
        }
        return h
    }

    /// `scheme://host[:port][basePath]`, for messages.
    public var description: String { "\(scheme)://\(authority)\(basePath)" }
}
