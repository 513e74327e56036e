/// An error the user can act on; `description` is one line.
public struct HostError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
