import ArgumentParser
import Foundation
import LBHost

/// Where domains come from; shared by every subcommand.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugins-dir"), help: "Folder of domain plugins (env LB_PLUGINS_DIR; default: plugins beside the binary).")
    var pluginsDirectory: String?

    var resolvedDirectory: String {
        pluginsDirectory ?? Environment.value("LB_PLUGINS_DIR") ?? Environment.defaultPluginsDirectory()
    }

    /// Loads the catalog, printing a warning line per skipped library.
    func loadCatalog() throws -> DomainCatalog {
        let catalog = try PluginLoader.load(directory: resolvedDirectory)
        for warning in catalog.warnings { Console.error("warning: \(warning)") }
        return catalog
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data(("lb-datagen: " + line + "\n").utf8))
    }
}
