/// The domains found in a plugins directory, and why any library was skipped.
public struct DomainCatalog: Sendable {
    public var domains: [String: DomainInfo] = [:]
    /// One line each, naming the file and the reason.
    public var warnings: [String] = []

    public init() {}

    public func domain(named name: String, directory: String) throws -> DomainInfo {
        guard let domain = domains[name] else {
            let known = domains.keys.sorted().joined(separator: ", ")
            throw HostError("unknown domain '\(name)' (found in \(directory): \(known.isEmpty ? "none" : known))")
        }
        return domain
    }
}
