/// What a domain declares, as values: for domains known only at run time
/// (a spec file) rather than as a `Domain` type.
public struct DomainDeclaration: Sendable {
    public var name: String
    public var version: String
    public var summary: String
    public var defaultPrefix: String
    public var columns: [ColumnSpec]
    public var parameters: [ParameterSpec]
    /// Opens one run: resolved parameters (every declared name) and the run seed.
    public var open: @Sendable (Parameters, UInt64) throws -> any DomainRun

    public init(name: String, version: String, summary: String, defaultPrefix: String,
                columns: [ColumnSpec], parameters: [ParameterSpec],
                open: @escaping @Sendable (Parameters, UInt64) throws -> any DomainRun) {
        self.name = name
        self.version = version
        self.summary = summary
        self.defaultPrefix = defaultPrefix
        self.columns = columns
        self.parameters = parameters
        self.open = open
    }

    /// The declaration of a `Domain` type.
    public init(_ type: any Domain.Type) {
        self.init(name: type.name, version: type.version, summary: type.summary, defaultPrefix: type.defaultPrefix,
                  columns: type.columns, parameters: type.parameters) { parameters, seed in
            try type.init(parameters: parameters, seed: seed)
        }
    }
}
