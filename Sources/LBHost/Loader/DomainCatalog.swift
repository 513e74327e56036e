/// The domains found in a plugins directory, and why any library was skipped.
public struct DomainCatalog: Sendable {
    public var domains: [String: DomainInfo] = [:]
    /// One line each, naming the file and the reason.
    public var warnings: [String] = []
    /// Every spec file offered to the plugins, by path: its domain, or why not.
    public var specs: [String: Result<DomainInfo, HostError>] = [:]

    public init() {}

    public func domain(named name: String, directory: String) throws -> DomainInfo {
        guard let domain = domains[name] else {
            let known = domains.keys.sorted().joined(separator: ", ")
            throw HostError("unknown domain '\(name)' (found in \(directory): \(known.isEmpty ? "none" : known))")
        }
        return domain
    }

    /// Makes the domain of spec file `path` (loaded with it) the one its
    /// name selects, over any of the folder's; returns that name.
    public mutating func select(spec path: String) throws -> String {
        guard let outcome = specs[path] else { throw HostError("spec file \(path) was not loaded") }
        let info = try outcome.get()
        domains[info.name] = info
        return info.name
    }
}
