/// One parameter of a domain, with the default a run gets when the user
/// says nothing.
public struct ParameterSpec: Sendable {
    public var name: String
    public var defaultValue: String
    public var description: String

    public init(_ name: String, default defaultValue: String, _ description: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.description = description
    }
}
