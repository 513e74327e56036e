/// Options that take one value may be given once: a repeated one is
/// rejected rather than silently overridden (--param may repeat). Aliases
/// count as their option (--schema is --domain, --threads is --workers).
enum RepeatedOption {
    static let repeatable: Set<String> = ["--param"]
    static let aliases = ["--schema": "--domain", "--threads": "--workers"]

    static func first(in arguments: [String]) -> String? {
        var seen = Set<String>()
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let given = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if repeatable.contains(given) { continue }
            if !seen.insert(aliases[given] ?? given).inserted { return given }
        }
        return nil
    }
}
