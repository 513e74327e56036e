// One HTTP exchange over a libcurl easy handle. Handles are pooled so
// connections (and TLS sessions) are reused across requests and threads.
import CCurl
import LBSync

private let curlGlobalInit: Bool = {
    curl_global_init(lb_curl_global_all()) == CURLE_OK
}()

/// State the C callbacks see through their userdata pointer.
private final class Exchange {
    var upload: Upload?
    var responseBody: [UInt8] = []
    var responseHeaders: [(String, String)] = []
    let cancel: CancelFlag?

    /// The body as libcurl reads it: as is, or framed with a trailer.
    enum Upload {
        case plain(HTTPBody.Cursor)
        case chunked(HTTPBody.ChunkedCursor)

        var length: Int {
            switch self {
            case .plain(let cursor): cursor.body.count
            case .chunked(let cursor): cursor.length
            }
        }

        mutating func read(into destination: UnsafeMutableRawPointer, capacity: Int) -> Int {
            switch self {
            case .plain(var cursor):
                defer { self = .plain(cursor) }
                return cursor.read(into: destination, capacity: capacity)
            case .chunked(var cursor):
                defer { self = .chunked(cursor) }
                return cursor.read(into: destination, capacity: capacity)
            }
        }

        /// `offset` from `origin` (SEEK_SET, SEEK_CUR, SEEK_END).
        mutating func seek(to offset: Int, from origin: Int32) -> Bool {
            switch self {
            case .plain(var cursor):
                defer { self = .plain(cursor) }
                let base = origin == SEEK_CUR ? cursor.position : origin == SEEK_END ? cursor.body.count : 0
                return cursor.seek(to: base + offset)
            case .chunked(var cursor):
                defer { self = .chunked(cursor) }
                return origin == SEEK_SET && cursor.seek(to: offset)
            }
        }

        var trailerValue: String? {
            if case .chunked(let cursor) = self { return cursor.trailerValue }
            return nil
        }
    }

    init(request: HTTPRequest, cancel: CancelFlag?) {
        if let body = request.body {
            upload = request.trailer.map { .chunked(HTTPBody.ChunkedCursor(body, trailer: $0)) } ?? .plain(HTTPBody.Cursor(body))
        }
        self.cancel = cancel
    }
}

private let writeCallback: lb_curl_data_cb = { ptr, size, nmemb, userdata in
    let n = size * nmemb
    let ex = Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue()
    if n > 0, let ptr {
        ex.responseBody.append(contentsOf: UnsafeRawBufferPointer(start: ptr, count: n))
    }
    return n
}

private let headerCallback: lb_curl_data_cb = { ptr, size, nmemb, userdata in
    let n = size * nmemb
    let ex = Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue()
    guard n > 0, let ptr else { return n }
    let line = String(decoding: UnsafeRawBufferPointer(start: ptr, count: n), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        ex.responseHeaders.removeAll()  // a new response (after 100 Continue)
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        let value = String(line[line.index(after: colon)...]).trimmingSpaces()
        ex.responseHeaders.append((name, value))
    }
    return n
}

private let readCallback: lb_curl_data_cb = { ptr, size, nmemb, userdata in
    let ex = Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue()
    if ex.cancel?.isSet == true { return lb_curl_readfunc_abort() }
    guard let ptr else { return 0 }
    return ex.upload?.read(into: UnsafeMutableRawPointer(ptr), capacity: size * nmemb) ?? 0
}

private let seekCallback: lb_curl_seek_cb = { userdata, offset, origin in
    let ex = Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue()
    guard [SEEK_SET, SEEK_CUR, SEEK_END].contains(origin), ex.upload?.seek(to: Int(offset), from: origin) == true else {
        return lb_curl_seekfunc_fail()
    }
    return lb_curl_seekfunc_ok()
}

private let progressCallback: lb_curl_xferinfo_cb = { userdata, _, _, _, _ in
    let ex = Unmanaged<Exchange>.fromOpaque(userdata!).takeUnretainedValue()
    return ex.cancel?.isSet == true ? 1 : 0
}

/// HTTP/1.1 over libcurl, knowing nothing of what it carries. A pool of
/// easy handles; each request borrows one.
public final class CurlTransport: @unchecked Sendable {
    public let configuration: HTTPTransportConfiguration
    private let lock = Lock()
    private var idle: [UnsafeMutableRawPointer] = []
    private let maxIdle = 16
    /// libcurl's send buffer for bodies (its default is 64 KiB): a body goes
    /// out in an eighth of the send calls and poll rounds, and the buffer
    /// still fits in a core's L2 cache for the kernel's copy.
    static let uploadBufferBytes = 512 << 10

    public init(configuration: HTTPTransportConfiguration = HTTPTransportConfiguration()) {
        self.configuration = configuration
        _ = curlGlobalInit
    }

    deinit {
        for h in idle { curl_easy_cleanup(h) }
    }

    private func checkout() -> UnsafeMutableRawPointer? {
        if let h = lock.locked({ idle.popLast() }) {
            curl_easy_reset(h)
            return h
        }
        return curl_easy_init()
    }

    private func checkin(_ h: UnsafeMutableRawPointer) {
        let keep = lock.locked { () -> Bool in
            if idle.count < maxIdle { idle.append(h); return true }
            return false
        }
        if !keep { curl_easy_cleanup(h) }
    }

    /// Performs one exchange; a server answer of any status is a success here.
    public func perform(_ request: HTTPRequest, cancel: CancelFlag? = nil) -> Result<HTTPResponse, HTTPTransportError> {
        guard curlGlobalInit, let h = checkout() else {
            return .failure(HTTPTransportError(kind: .transfer, message: "libcurl could not be initialised", retryable: false))
        }
        let config = configuration
        defer { checkin(h) }

        let exchange = Exchange(request: request, cancel: cancel)
        let ctx = Unmanaged.passUnretained(exchange).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        var headerList: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        // No "Expect: 100-continue" round trip before bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { eb in
            lb_curl_setopt_string(h, CURLOPT_URL, request.url)
            lb_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
            lb_curl_setopt_long(h, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
            lb_curl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1)
            lb_curl_setopt_long(h, CURLOPT_TCP_NODELAY, 1)
            if request.freshConnection { lb_curl_setopt_long(h, CURLOPT_FRESH_CONNECT, 1) }
            lb_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, eb.baseAddress)
            lb_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000))
            if config.requestTimeout > 0 {
                lb_curl_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(config.requestTimeout * 1000))
            }
            if config.stallTimeout > 0 {
                lb_curl_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, 1024)
                lb_curl_setopt_long(h, CURLOPT_LOW_SPEED_TIME, max(1, Int(config.stallTimeout.rounded(.up))))
            }
            if request.url.lowercased().hasPrefix("https:") {
                lb_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, config.verifyTLS ? 1 : 0)
                lb_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, config.verifyTLS ? 2 : 0)
                if let ca = config.caBundlePath {
                    lb_curl_setopt_string(h, CURLOPT_CAINFO, ca)
                }
            }
            lb_curl_setopt_slist(h, CURLOPT_HTTPHEADER, headerList)
            lb_curl_setopt_data_cb(h, CURLOPT_WRITEFUNCTION, writeCallback)
            lb_curl_setopt_pointer(h, CURLOPT_WRITEDATA, ctx)
            lb_curl_setopt_data_cb(h, CURLOPT_HEADERFUNCTION, headerCallback)
            lb_curl_setopt_pointer(h, CURLOPT_HEADERDATA, ctx)
            if cancel != nil {
                lb_curl_setopt_long(h, CURLOPT_NOPROGRESS, 0)
                lb_curl_setopt_xferinfo_cb(h, progressCallback)
                lb_curl_setopt_pointer(h, CURLOPT_XFERINFODATA, ctx)
            }

            switch request.method {
            case "GET":
                lb_curl_setopt_long(h, CURLOPT_HTTPGET, 1)
            case "HEAD":
                lb_curl_setopt_long(h, CURLOPT_NOBODY, 1)
            default:
                if let upload = exchange.upload {
                    lb_curl_setopt_long(h, CURLOPT_UPLOAD, 1)
                    lb_curl_setopt_long(h, CURLOPT_UPLOAD_BUFFERSIZE, Self.uploadBufferBytes)
                    lb_curl_setopt_off(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.length))
                    lb_curl_setopt_data_cb(h, CURLOPT_READFUNCTION, readCallback)
                    lb_curl_setopt_pointer(h, CURLOPT_READDATA, ctx)
                    lb_curl_setopt_seek_cb(h, seekCallback)
                    lb_curl_setopt_pointer(h, CURLOPT_SEEKDATA, ctx)
                }
                if request.method != "PUT" || request.body == nil {
                    lb_curl_setopt_string(h, CURLOPT_CUSTOMREQUEST, request.method)
                }
            }
            return curl_easy_perform(h)
        }

        if code != CURLE_OK {
            let reason = String(cString: curl_easy_strerror(code))
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .failure(Self.classify(code, reason: reason, detail: detail, cancelled: cancel?.isSet == true))
        }
        var status = 0
        lb_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: exchange.responseHeaders, body: exchange.responseBody,
                                     sentTrailerValue: exchange.upload?.trailerValue))
    }

    private static func classify(_ code: CURLcode, reason: String, detail: String, cancelled: Bool) -> HTTPTransportError {
        if cancelled {
            return HTTPTransportError(kind: .cancelled, message: "cancelled", retryable: false)
        }
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPTransportError(kind: .connection, message: reason, retryable: true)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPTransportError(kind: .timeout, message: detail.isEmpty ? reason : detail, retryable: true)
        case CURLE_SSL_CONNECT_ERROR:
            return HTTPTransportError(kind: .tls, message: detail.isEmpty ? reason : detail, retryable: true)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_CRL_BADFILE:
            return HTTPTransportError(kind: .tls, message: detail.isEmpty ? reason : detail, retryable: false)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
             CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY, CURLE_READ_ERROR:
            return HTTPTransportError(kind: .transfer, message: detail.isEmpty ? reason : detail, retryable: true)
        default:
            return HTTPTransportError(kind: .transfer, message: detail.isEmpty ? reason : detail, retryable: false)
        }
    }
}
