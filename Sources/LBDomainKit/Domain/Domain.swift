/// What a Swift plugin implements for each data domain. An instance is one
/// run's state, made from the resolved parameters; `fill` is called from
/// several threads at once, so it must only read that state.
public protocol Domain: DomainRun {
    /// What `--domain` selects.
    static var name: String { get }
    /// Recorded in every file; change it whenever the same inputs would give different data.
    static var version: String { get }
    static var summary: String { get }
    /// Object key prefix when the user gives none, e.g. "iot/readings".
    static var defaultPrefix: String { get }
    static var columns: [ColumnSpec] { get }
    static var parameters: [ParameterSpec] { get }

    /// Validates parameters and builds run-wide tables; throws
    /// `ParameterError` (or any error) with one clear line.
    init(parameters: Parameters, seed: UInt64) throws

}

extension Domain {
    /// A domain without category columns needs no labels.
    public func labels(for column: String) throws -> [String] {
        throw ParameterError("domain \(Self.name) names no labels for column \(column)")
    }
}
