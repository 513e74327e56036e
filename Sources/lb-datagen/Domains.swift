import ArgumentParser
import LBHost

/// `lb-datagen domains`: what the plugins directory offers.
struct Domains: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the domains found in the plugins directory.")

    @OptionGroup var plugins: PluginOptions

    func run() throws {
        let catalog = try plugins.loadCatalog()
        for name in catalog.domains.keys.sorted() {
            let domain = catalog.domains[name]!
            print("\(domain.name)\t\(domain.version)\t\(domain.summary)\t\(domain.library)")
        }
    }
}
