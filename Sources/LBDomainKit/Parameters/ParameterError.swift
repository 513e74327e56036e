/// A bad parameter value; `description` is one line for the user.
public struct ParameterError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
