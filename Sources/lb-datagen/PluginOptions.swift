import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// Where domains come from; shared by every subcommand.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugins-dir"), help: "Folder of domain plugins (env LB_PLUGINS_DIR; default: plugins/ beside the binary, else ../plugins).")
    var pluginsDirectory: String?
    @Option(name: .customLong("domain-spec"), help: "A spec file (YAML) to use as the domain, instead of --domain.")
    var domainSpec: String?

    var resolvedDirectory: String {
        pluginsDirectory ?? Environment.value("LB_PLUGINS_DIR") ?? Environment.defaultPluginsDirectory()
    }

    /// Loads the catalog (with the --domain-spec file), printing a warning
    /// line per skipped library or spec.
    func loadCatalog() throws -> DomainCatalog {
        let catalog = try PluginLoader.load(directory: resolvedDirectory, specFiles: domainSpec.map { [$0] } ?? [])
        for warning in catalog.warnings { Console.error("warning: \(warning)") }
        return catalog
    }

    /// The domain a command works on: the --domain-spec file's when given (a
    /// bad spec is the run's error, exit 1), else the named one (`given`, or
    /// `fallback` when none is), which must be in the catalog (an unknown
    /// name is bad input, exit 2).
    func selectDomain(_ given: String?, fallback: String = "", in catalog: inout DomainCatalog) throws -> DomainInfo {
        let name = given ?? fallback
        if let domainSpec {
            guard given == nil else { throw UsageError("give a domain name or --domain-spec, not both") }
            let name = try catalog.select(spec: domainSpec)
            return try catalog.domain(named: name, directory: resolvedDirectory)
        }
        do {
            return try catalog.domain(named: name, directory: resolvedDirectory)
        } catch {
            throw UsageError("\(error)")
        }
    }
}

enum Console {
    /// One line, whatever it quotes: a line break inside (a value given
    /// with one, a "\r\n" too) is written as `\n`.
    static func error(_ line: String) {
        let flat = line.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\\n")
        write("lb-datagen: " + flat + "\n")
    }

    /// Text on stderr as it is (no program name in front).
    static func plain(_ text: String) {
        write(text + "\n")
    }

    /// Writes all of `text` to a file descriptor (stderr unless told);
    /// returns the errno of a failed write, else 0.
    @discardableResult
    static func write(_ text: String, to descriptor: Int32 = STDERR_FILENO) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return 0
        }
    }
}
