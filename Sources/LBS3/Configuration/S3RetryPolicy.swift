/// How often and how patiently failed requests are retried.
public struct S3RetryPolicy: Sendable, Equatable {
    /// Attempts per request, the first included (1 means no retry).
    public var maxAttempts: Int
    /// Backoff before retry n is about baseDelay × 2^(n-1) (half of it
    /// random), capped at maxDelay. Seconds.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.25, maxDelay: Double = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
    }

    /// The pause before attempt `attempt + 1`, after `attempt` failed (1-based).
    func delay(afterAttempt attempt: Int) -> Double {
        let exp = baseDelay * Double(1 << min(max(attempt - 1, 0), 20))
        let capped = min(maxDelay, exp)
        return capped / 2 + Double.random(in: 0...1) * capped / 2
    }
}
