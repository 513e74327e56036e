import LBSync

/// A stop asked of a run from outside its workers: by a signal watcher, or
/// by a worker that sees the deadline pass. The first reason sticks; the
/// pipeline registered with it is woken, so no worker waits on a turn that
/// will not come.
public final class StopRequest: @unchecked Sendable {
    private let monitor = Monitor()
    // Guarded by `monitor`:
    private var stored: StopReason?
    private var wake: (@Sendable () -> Void)?

    public init() {}

    public var reason: StopReason? { monitor.locked { stored } }

    public func stop(_ reason: StopReason) {
        let wake: (@Sendable () -> Void)? = monitor.locked {
            if stored == nil { stored = reason }
            return self.wake
        }
        wake?()  // outside the lock: the pipeline takes its own
    }

    /// Records a stop without waking anyone (for the pipeline, from inside its own lock).
    func record(_ reason: StopReason) {
        monitor.locked { if stored == nil { stored = reason } }
    }

    /// Called on every stop from now on (nil: no one to wake).
    func onStop(_ wake: (@Sendable () -> Void)?) {
        monitor.locked { self.wake = wake }
    }
}
