import LBSync

/// Time spent sending object bodies (parts and single PUTs, retries
/// included), summed over the threads that sent them: wall time in the
/// transport against those threads' CPU time, so that what is left is
/// time blocked on the network and the server.
public final class S3TransferTimings: Sendable {
    public struct Totals: Sendable, Equatable {
        public var requests = 0
        public var bytes = 0
        public var wallNanoseconds: UInt64 = 0
        public var cpuNanoseconds: UInt64 = 0
    }

    private let lock = Lock()
    nonisolated(unsafe) private var current = Totals()

    public init() {}

    public var totals: Totals { lock.locked { current } }

    /// Runs `send` on this thread, counting its wall and CPU time.
    func measure<R>(bytes: Int, _ send: () throws -> R) rethrows -> R {
        let wall = Clock.nanoseconds(), cpu = Clock.threadCPUNanoseconds()
        defer {
            let spentWall = Clock.nanoseconds() &- wall, spentCPU = Clock.threadCPUNanoseconds() &- cpu
            lock.locked {
                current.requests += 1
                current.bytes += bytes
                current.wallNanoseconds &+= spentWall
                current.cpuNanoseconds &+= spentCPU
            }
        }
        return try send()
    }
}
