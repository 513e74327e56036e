import LBDomainKit

/// A spec file as a domain: checked in full with its defaults when
/// registered, compiled again with each run's parameters when opened.
enum SpecDomain {
    static func declaration(path: String, text: String) throws -> DomainDeclaration {
        let document = try SpecDocument(path: path, text: text)
        let defaults = Dictionary(uniqueKeysWithValues: document.parameters.map { ($0.name, $0.defaultValue) })
        var check = Compiler(document: document, parameters: defaults, seed: 0, strict: true)
        _ = try check.compile()
        let columns = document.writtenColumns
        return DomainDeclaration(
            name: document.name, version: document.version, summary: document.summary, defaultPrefix: document.defaultPrefix,
            columns: columns, parameters: document.parameters
        ) { parameters, seed in
            var compiler = Compiler(document: document, parameters: parameters.values, seed: seed, strict: false)
            return try compiler.compile()
        }
    }
}
