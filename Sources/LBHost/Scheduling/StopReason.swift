/// Why a run ended before its plan did.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    /// A continuous run's duration is up: its normal end.
    case deadline
    /// The process was asked to stop (SIGTERM, SIGINT).
    case signal(Int32)

    public var description: String {
        switch self {
        case .deadline: return "deadline"
        case .signal(let number): return Self.signalName(number)
        }
    }

    static func signalName(_ number: Int32) -> String {
        switch number {
        case 1: return "SIGHUP"
        case 2: return "SIGINT"
        case 3: return "SIGQUIT"
        case 15: return "SIGTERM"
        default: return "signal \(number)"
        }
    }
}
