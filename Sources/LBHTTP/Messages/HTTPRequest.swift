/// One request as the transport sends it.
public struct HTTPRequest {
    public var method: String
    public var url: String
    /// Sent as given (Host and Authorization included).
    public var headers: [(String, String)]
    /// The body for PUT/POST; nil sends none. The caller keeps its buffers
    /// alive until `perform` returns (they are read in place, and again on
    /// a resend).
    public var body: HTTPBody?
    /// Sends the body in the chunked syntax closed by this checksum
    /// trailer (the caller's headers announce it); nil sends it as is.
    public var trailer: HTTPTrailer?
    /// Open a new connection rather than reuse an idle one: libcurl then
    /// never sends the request a second time on its own.
    public var freshConnection = false

    public init(method: String, url: String, headers: [(String, String)], body: HTTPBody? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
