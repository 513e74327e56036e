import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// `lb-datagen preview`: a domain's first rows as a table, then what each
/// column looks like over a larger sample, so a distribution can be tuned
/// by eye without writing a file.
struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a domain's first rows and per-column summaries (nulls, distinct values, ranges, top values, histograms).")

    @Option(name: [.customLong("domain"), .customLong("schema")], help: "Data domain (default: env LB_DOMAIN, else customer360).") var domainFlag: String?
    @Option(help: "Rows to show in the table.") var rows = 10
    @Option(help: "Rows the summaries are made from (the shown rows are its first).") var sample = 10_000
    @Option(help: "Run seed.") var seed: UInt64 = 42
    @Option(name: .customLong("param"), help: "Domain parameter name=value (repeatable).") var params: [String] = []
    @OptionGroup var plugins: PluginOptions

    func run() throws {
        guard (1...1000).contains(rows) else { throw UsageError("--rows must be between 1 and 1000, got \(rows)") }
        guard (1...1_000_000).contains(sample) else { throw UsageError("--sample must be between 1 and 1000000, got \(sample)") }
        var overrides: [String: String] = [:]
        for entry in params {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw UsageError("--param takes name=value, got '\(entry)'")
            }
            overrides[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        var catalog = try plugins.loadCatalog()
        let info = try plugins.selectDomain(domainFlag, fallback: Environment.value("LB_DOMAIN") ?? "customer360", in: &catalog)
        let domain = try DomainInstance(info: info, overrides: overrides, seed: seed)
        let made = try DomainSample(domain, rows: max(rows, sample))
        let width = PreviewText.terminalWidth()
        print("\(info.name) \(info.version), seed \(seed): the first \(min(rows, made.rows.count)) rows of file 0")
        print("")
        for line in PreviewText.table(made, rows: rows, width: width) { print(line) }
        print("")
        print("summaries over \(made.rows.count) rows:")
        for line in PreviewText.summaries(made, width: width) { print(line) }
    }
}
