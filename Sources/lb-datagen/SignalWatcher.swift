import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost
import LBSync
import Synchronization

/// SIGTERM and SIGINT (Kubernetes stopping a pod, Ctrl-C) are taken by one
/// thread with sigwait rather than by a handler, so what they do is
/// ordinary code. The first asks the run to stop cleanly (the file in
/// flight is abandoned, the checkpoint holds every finished file); before a
/// run exists, nothing is written yet and the process exits at once. A
/// second signal exits at once.
enum SignalWatcher {
    static let stopping: [Int32] = [SIGTERM, SIGINT]

    /// The run a signal stops, once there is one.
    static let target = Mutex<StopRequest?>(nil)

    /// Call first in main, before any other thread exists: threads inherit
    /// the blocked set, so only the watcher ever takes these signals.
    static func start() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in stopping { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let watched = set
        let started = WorkerThread.detach {
            var set = watched
            var count = 0
            while true {
                var number: Int32 = 0
                guard sigwait(&set, &number) == 0 else { continue }
                count += 1
                let name = StopReason.signal(number).description
                if count == 1, let run = target.withLock({ $0 }) {
                    run.stop(.signal(number))
                } else {
                    exitNow(count == 1 ? "stopped by \(name) before the run began: nothing was written"
                                       : "second \(name): exiting at once", status: 128 + number)
                }
            }
        }
        precondition(started, "lb-datagen: cannot start the signal thread")
    }

    /// Stops `run` on the next signal.
    static func watch(_ run: StopRequest) {
        target.withLock { $0 = run }
    }

    /// SIGQUIT ends the process as its default does, without the runtime's
    /// crash backtrace (a quit asked for is no crash).
    static func quitQuietly() {
        signal(SIGQUIT, SIG_DFL)
    }

    private static func exitNow(_ message: String, status: Int32) -> Never {
        let line = "lb-datagen: \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        _exit(status)
    }
}
