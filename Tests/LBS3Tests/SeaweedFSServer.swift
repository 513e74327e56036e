import Foundation
import XCTest
import LBHTTP
@testable import LBS3

/// A real SeaweedFS (master + volume + filer + S3 gateway) on 127.0.0.1 with
/// free ports, a temporary data folder and one SigV4 admin identity. Started
/// by the tests, stopped at teardown; a watchdog shell stops it too if the
/// test process dies.
final class SeaweedFSServer: @unchecked Sendable {
    static let accessKey = "lbtestadmin"
    static let secretKey = "lbtest-secret-0123456789"

    let directory: URL
    let s3Port: Int
    private let process: Process
    let logURL: URL

    var endpoint: String { "http://127.0.0.1:\(s3Port)" }

    /// `weed` from env LB_WEED, else <repo>/.venv/bin/weed.
    static func weedPath() throws -> String {
        if let p = ProcessInfo.processInfo.environment["LB_WEED"], !p.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: p) else {
                throw SetupError("LB_WEED=\(p) is not an executable SeaweedFS `weed`")
            }
            return p
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let p = repo.appendingPathComponent(".venv/bin/weed").path
        guard FileManager.default.isExecutableFile(atPath: p) else {
            throw SetupError("SeaweedFS `weed` not found at \(p): run scripts/setup.sh (or set LB_WEED)")
        }
        return p
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ d: String) { description = d }
    }

    init() throws {
        let weed = try Self.weedPath()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lbs3-weed-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let identities = """
            {"identities":[{"name":"admin","credentials":[{"accessKey":"\(Self.accessKey)","secretKey":"\(Self.secretKey)"}],\
            "actions":["Admin","Read","Write","List","Tagging"]}]}
            """
        let configURL = directory.appendingPathComponent("s3.json")
        try identities.write(to: configURL, atomically: true, encoding: .utf8)
        logURL = directory.appendingPathComponent("weed.log")

        let ports = try freePorts(8)
        s3Port = ports[0]
        let args = [
            "server", "-dir=\(directory.appendingPathComponent("data").path)",
            "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-master.port=\(ports[1])", "-master.port.grpc=\(ports[2])",
            "-volume.port=\(ports[3])", "-volume.port.grpc=\(ports[4])", "-volume.max=16",
            "-master.volumeSizeLimitMB=64",
            "-filer", "-filer.port=\(ports[5])", "-filer.port.grpc=\(ports[6])",
            "-s3", "-s3.port=\(s3Port)", "-s3.port.grpc=\(ports[7])", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-s3.config=\(configURL.path)", "-s3.autoCreateBucket=false",
        ]
        // The watchdog: runs weed, stops it on TERM or when the test process is gone.
        let script = """
            "$WEED" "$@" >"$LOG" 2>&1 &
            w=$!
            # weed's own graceful shutdown takes ~25 s; the data is throwaway.
            stop() { kill $w 2>/dev/null; sleep 0.3; kill -9 $w 2>/dev/null; wait $w; exit 0; }
            trap stop TERM INT
            while kill -0 "$OWNER" 2>/dev/null && kill -0 $w 2>/dev/null; do sleep 0.2; done
            stop
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "weed-watchdog"] + args
        var env = ProcessInfo.processInfo.environment
        env["WEED"] = weed
        env["LOG"] = logURL.path
        env["OWNER"] = String(getpid())
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()

        do {
            try waitUntilReady()
        } catch {
            stop()
            throw error
        }
    }

    /// The admin client, with short timeouts.
    func client(secret: String = SeaweedFSServer.secretKey, maxAttempts: Int = 3) -> S3Client {
        var c = try! S3Config(endpoint: endpoint, region: "us-east-1", accessKeyId: Self.accessKey,
                              secretAccessKey: secret)
        c.transport.connectTimeout = 5
        c.transport.requestTimeout = 60
        c.retry = S3RetryPolicy(maxAttempts: maxAttempts, baseDelay: 0.1, maxDelay: 1)
        return S3Client(config: c)
    }

    private func waitUntilReady() throws {
        let probe = client(maxAttempts: 1)
        let deadline = Date().addingTimeInterval(60)
        var last = "no answer"
        // The S3 port answers first; the filer behind it a moment later.
        while Date() < deadline {
            guard process.isRunning else {
                throw SetupError("weed exited during start-up: \(logTail())")
            }
            do {
                try probe.createBucket("lbs3-ready")
                try probe.headBucket("lbs3-ready")
                print("SeaweedFS ready on 127.0.0.1:\(s3Port) after \(Int(-deadline.addingTimeInterval(-60).timeIntervalSinceNow * 1000)) ms (last wait: \(last))")
                return
            } catch {
                last = "\(error)"
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        throw SetupError("SeaweedFS S3 on port \(s3Port) not ready after 60 s (\(last)): \(logTail())")
    }

    func logTail() -> String {
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: " | ")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Ports nobody listens on at this moment (bound to 127.0.0.1:0, then closed).
func freePorts(_ n: Int) throws -> [Int] {
    var fds: [Int32] = []
    defer { for fd in fds { close(fd) } }
    var ports: [Int] = []
    for _ in 0..<n {
        let (fd, port) = try boundSocket(listen: false)
        fds.append(fd)
        ports.append(port)
    }
    return ports
}

/// A TCP socket bound to 127.0.0.1 on a free port; listening if asked.
func boundSocket(listen doListen: Bool) throws -> (Int32, Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw SeaweedFSServer.SetupError("socket() failed") }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { close(fd); throw SeaweedFSServer.SetupError("bind() failed") }
    if doListen { listen(fd, 4) }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return (fd, Int(UInt16(bigEndian: addr.sin_port)))
}
