import ArgumentParser
import LBHost

/// The root command. With no subcommand name it generates, so Lakebench's
/// Job arguments (flags only) work unchanged.
struct LBDatagen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lb-datagen",
        abstract: "Fast synthetic data for lakehouse benchmarks: Parquet files from pluggable domains.",
        version: Version.description,
        subcommands: [Generate.self, Verify.self, Domains.self, Describe.self, Preview.self],
        defaultSubcommand: Generate.self)
}
