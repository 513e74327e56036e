#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An OS thread running one closure. Workers own their buffers and encoder
/// for their whole life, so a plain thread fits better than a pool; part
/// uploads run on detached ones that nobody joins.
public final class WorkerThread {
    private var thread = pthread_t()

    /// Starts a joinable thread with an 8 MiB stack; traps if none can be made.
    public init(_ body: @escaping @Sendable () -> Void) {
        let status = WorkerThread.start(body, thread: &thread, detached: false)
        precondition(status == 0, "lb-datagen: cannot start a worker thread (error \(status))")
    }

    public func join() {
        pthread_join(thread, nil)
    }

    /// Runs `body` on a new detached thread; returns false if none could be made.
    public static func detach(_ body: @escaping () -> Void) -> Bool {
        var thread = pthread_t()
        return start(body, thread: &thread, detached: true) == 0
    }

    private static func start(_ body: @escaping () -> Void, thread: inout pthread_t, detached: Bool) -> Int32 {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if detached {
            pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        } else {
            pthread_attr_setstacksize(&attributes, 8 << 20)
        }
        let status = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        if status != 0 { Unmanaged<Box>.fromOpaque(box).release() }
        return status
    }

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
