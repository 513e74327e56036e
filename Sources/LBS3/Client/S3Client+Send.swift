// The one path every request takes: address, digest, sign, send, and retry
// what may succeed on a second try.
import LBHTTP
import LBSync

extension S3Client {
    /// Signs and sends a request, retrying what may succeed on a second try;
    /// returns the 2xx answer or throws an `S3Error`.
    func send(operation: String, bucket: String, key: String?, method: String,
              query: [(String, String)] = [], headers extra: [(String, String)] = [],
              body: HTTPBody? = nil, unsignedPayload: Bool = false, trailer: HTTPTrailer? = nil,
              targetSuffix: String = "", cancel: CancelFlag? = nil) throws -> HTTPResponse {
        try sendCounting(operation: operation, bucket: bucket, key: key, method: method, query: query,
                         headers: extra, body: body, unsignedPayload: unsignedPayload, trailer: trailer,
                         targetSuffix: targetSuffix, cancel: cancel).response
    }

    /// `send`, also saying how many times the request went out. With
    /// `freshConnection` it goes over a new connection each time, so that
    /// libcurl never re-sends it unseen (it does so on a reused connection
    /// that closes without an answer): the count is then exact.
    func sendCounting(operation: String, bucket: String, key: String?, method: String,
                      query: [(String, String)] = [], headers extra: [(String, String)] = [],
                      body: HTTPBody? = nil, unsignedPayload: Bool = false, trailer: HTTPTrailer? = nil,
                      targetSuffix: String = "", cancel: CancelFlag? = nil, freshConnection: Bool = false)
        throws -> (response: HTTPResponse, attempts: Int) {
        let endpoint = config.endpoint
        let what = target(bucket, key) + targetSuffix

        // Address: path style puts the bucket in the path, virtual-hosted in the host.
        let keyPath = key.map { "/" + S3SigV4.uriEncode($0, keepSlash: true) } ?? ""
        let path: String
        let host: String
        if config.pathStyle {
            host = endpoint.authority
            path = endpoint.basePath + "/" + S3SigV4.uriEncode(bucket, keepSlash: false) + keyPath
        } else {
            host = endpoint.authority(forHost: "\(bucket).\(endpoint.host)")
            path = endpoint.basePath + (keyPath.isEmpty ? "/" : keyPath)
        }
        let queryString = S3SigV4.canonicalQuery(query)
        let url = "\(endpoint.scheme)://\(host)\(path)" + (queryString.isEmpty ? "" : "?" + queryString)

        // A body's SHA-256 is signed unless the caller guards it otherwise
        // (an object's bytes carry a checksum the server verifies, in a
        // header or in the trailer of the aws-chunked framing).
        var payloadHash = S3SigV4.emptyPayloadHash
        var framing: [(String, String)] = []
        if let body, let trailer {
            payloadHash = S3SigV4.streamingUnsignedPayloadTrailer
            framing = [("content-encoding", "aws-chunked"), ("x-amz-decoded-content-length", String(body.count)),
                       ("x-amz-trailer", trailer.name)]
        } else if let body, body.count > 0 {
            payloadHash = unsignedPayload ? S3SigV4.unsignedPayload : Hex.string(Digest.sha256(body))
        }

        var attempt = 0
        while true {
            attempt += 1
            if cancel?.isSet == true {
                throw S3Error(kind: .cancelled, operation: operation, target: what,
                              endpoint: endpoint.description, message: "cancelled", attempts: attempt - 1)
            }
            let amz = S3SigV4.amzDate(unixTime: Clock.unixSeconds())
            var headers: [(String, String)] = [
                ("host", host), ("x-amz-date", amz.dateTime), ("x-amz-content-sha256", payloadHash),
            ]
            if let token = config.credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
            headers += extra + framing
            let signature = S3SigV4.sign(method: method, canonicalURI: path, query: query, headers: headers,
                                         payloadHash: payloadHash, credentials: config.credentials,
                                         region: config.region, amzDateTime: amz.dateTime)
            headers.append(("authorization", signature.authorization))

            var request = HTTPRequest(method: method, url: url, headers: headers, body: body)
            request.trailer = trailer
            request.freshConnection = freshConnection
            let failure: S3Error
            let retryable: Bool
            switch transport.perform(request, cancel: cancel) {
            case .failure(let t):
                failure = S3Error(transport: t, operation: operation, target: what, endpoint: endpoint.description,
                                  attempts: attempt)
                retryable = t.retryable
            case .success(let response):
                if (200..<300).contains(response.status) {
                    // CompleteMultipartUpload may answer 200 with an <Error> document.
                    if operation == "CompleteMultipartUpload", S3ErrorTable.hasErrorDocument(response.body) {
                        failure = S3ErrorTable.error(operation, what, response, attempt, endpoint: endpoint)
                        retryable = S3ErrorTable.isRetryable(status: 500, code: failure.code)
                    } else {
                        return (response, attempt)
                    }
                } else {
                    failure = S3ErrorTable.error(operation, what, response, attempt, endpoint: endpoint)
                    retryable = S3ErrorTable.isRetryable(status: response.status, code: failure.code)
                }
            }
            if !retryable || attempt >= config.retry.maxAttempts || cancel?.isSet == true {
                throw failure
            }
            Clock.sleep(seconds: config.retry.delay(afterAttempt: attempt))
        }
    }
}
