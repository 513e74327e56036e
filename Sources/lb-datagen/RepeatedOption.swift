/// Options that take one value may be given once: a repeated one is
/// rejected rather than silently overridden (--param may repeat).
enum RepeatedOption {
    static let repeatable: Set<String> = ["--param"]

    static func first(in arguments: [String]) -> String? {
        var seen = Set<String>()
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if repeatable.contains(name) { continue }
            if !seen.insert(name).inserted { return name }
        }
        return nil
    }
}
