import LBHost

/// Lakebench's Job always passes customer360's shorthand flags (--payload-kb,
/// --dirty-ratio, ...), whatever domain the image runs. A domain that declares
/// no parameter of that name ignores them, so a custom image keeps the Job
/// unchanged; an unknown `--param` name stays an error.
extension ResolvedArguments {
    /// Drops the shorthand parameters `domain` does not declare; returns the
    /// warning line naming their flags, or nil when none was dropped.
    mutating func droppingShorthands(undeclaredBy domain: DomainInfo) -> String? {
        let declared = Set(domain.parameters.map(\.name))
        let ignored = shorthands.keys.filter { !declared.contains($0) }.sorted()
        guard !ignored.isEmpty else { return nil }
        for name in ignored { request.parameters[name] = nil }
        fields["params"] = Self.paramsJSON(request.parameters)
        let flags = ignored.map { shorthands[$0]! }.joined(separator: ", ")
        return "domain \(domain.name) has no parameter for \(flags); ignoring \(ignored.count == 1 ? "it" : "them")"
    }

    static func paramsJSON(_ parameters: [String: String]) -> String {
        "{" + parameters.keys.sorted().map { "\(jsonString($0)): \(jsonString(parameters[$0]!))" }.joined(separator: ", ") + "}"
    }
}
