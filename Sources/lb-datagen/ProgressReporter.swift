import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost
import LBSync
import Synchronization

/// Progress on stderr while a run works: on a terminal, one live line
/// redrawn twice a second; otherwise (Kubernetes logs) a plain line every
/// `interval` seconds.
final class ProgressReporter: Sendable {
    private let progress: RunProgress
    private let live: Bool
    private let interval: Double
    /// Target bytes of one file, for the ETA.
    private let fileBytes: Double
    /// Continuous mode: the run ends this many seconds after `started`.
    private let duration: Double?
    private let started: Date
    private let finished = Atomic<Bool>(false)
    /// Set (under `monitor`) when the progress thread has written its last.
    private let stopped = Atomic<Bool>(false)
    private let monitor = Monitor()

    init(progress: RunProgress, interval: Double, fileBytes: Double, duration: Double?, started: Date) {
        self.progress = progress
        self.live = isatty(STDERR_FILENO) == 1
        self.interval = live ? 0.5 : interval
        self.fileBytes = fileBytes
        self.duration = duration
        self.started = started
    }

    func start() {
        let started = WorkerThread.detach { [self] in
            var next = Date().addingTimeInterval(interval)
            while !finished.load(ordering: .relaxed) {
                Clock.sleep(seconds: min(0.1, max(0, next.timeIntervalSinceNow)))
                guard Date() >= next, !finished.load(ordering: .relaxed) else { continue }
                next = next.addingTimeInterval(interval)
                emit(live ? "\r\u{1B}[K" + line() : "lb-datagen: progress: " + line() + "\n")
            }
            if live { emit("\r\u{1B}[K") }  // the summary lines start clean
            markStopped()
        }
        if !started { markStopped() }  // no thread: no progress lines, nothing to wait for
    }

    /// Stops the line; returns once it is cleared.
    func finish() {
        finished.store(true, ordering: .relaxed)
        monitor.locked { monitor.wait { stopped.load(ordering: .relaxed) } }
    }

    private func markStopped() {
        monitor.locked {
            stopped.store(true, ordering: .relaxed)
            monitor.broadcast()
        }
    }

    func line() -> String {
        let now = progress.snapshot
        let elapsed = max(Date().timeIntervalSince(started), 1e-3)
        let mib = Double(now.bytes) / 1_048_576
        var parts = [
            now.filesToMake.map { "files \(now.files)/\($0)" } ?? "files \(now.files)",
            "rows \(now.rows)", String(printf: "%.1f MiB", mib),
            "\(Int(Double(now.rows) / elapsed)) rows/s", String(printf: "%.1f MiB/s", mib / elapsed),
        ]
        if let duration {
            parts.append("elapsed \(Self.clock(elapsed))")
            parts.append("remaining \(Self.clock(max(0, duration - elapsed)))")
        } else if let total = now.filesToMake, now.bytes > 0 {
            let left = max(0, Double(total) * fileBytes - Double(now.bytes))
            parts.append("ETA \(Self.clock(left / (Double(now.bytes) / elapsed)))")
        }
        return parts.joined(separator: ", ")
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? String(printf: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                             : String(printf: "%d:%02d", whole / 60, whole % 60)
    }

    private func emit(_ text: String) {
        Console.write(text)
    }
}
