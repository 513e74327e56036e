import ArgumentParser
import LBHost

/// `lb-datagen describe NAME`: a domain's schema and parameters.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a domain's columns and parameters with their defaults.")

    @Argument(help: "Domain name (or none, with --domain-spec).") var domain: String?
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var plugins: PluginOptions

    func run() throws {
        var catalog = try plugins.loadCatalog()
        guard domain != nil || plugins.domainSpec != nil else { throw UsageError("name a domain, or give --domain-spec FILE") }
        let info = try plugins.selectDomain(domain, in: &catalog)
        if json {
            print(DomainDescription(info).json)
        } else {
            print("\(info.name) \(info.version): \(info.summary)")
            print("library: \(info.library)")
            print("default prefix: \(info.defaultPrefix)")
            print("\ncolumns:")
            for column in info.columns {
                let notes = [column.isCategory ? "category" : nil, column.nullable ? "nullable" : nil].compactMap { $0 }
                print("  \(column.name)  \(column.type)\(notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")  \(column.description)")
            }
            print("\nparameters (--param name=value):")
            for parameter in info.parameters {
                print("  \(parameter.name) = \(parameter.defaultValue)  \(parameter.description)")
            }
        }
    }
}
