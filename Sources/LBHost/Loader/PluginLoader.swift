import CLBDomain
#if canImport(Glibc)
import Glibc
#endif

/// Finds domain plugins: every shared library in a directory is opened and
/// asked to register its domains. A library that cannot be used is skipped
/// with a warning naming the file and the reason; it never stops the others.
public enum PluginLoader {
    /// Loads every `*.so` in `directory` (sorted by name, so the first of two
    /// libraries claiming one domain name wins on every machine).
    public static func load(directory: String) throws -> DomainCatalog {
        var catalog = DomainCatalog()
        guard let dir = opendir(directory) else {
            throw HostError("cannot read plugins directory \(directory): \(String(cString: strerror(errno)))")
        }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".so") || name.contains(".so.") || name.hasSuffix(".dylib") { names.append(name) }
        }
        closedir(dir)
        for name in names.sorted() {
            load(library: directory.hasSuffix("/") ? directory + name : directory + "/" + name, into: &catalog)
        }
        return catalog
    }

    static func load(library path: String, into catalog: inout DomainCatalog) {
        // RTLD_LOCAL keeps each plugin's copy of the kit to itself;
        // RTLD_NODELETE because unloading Swift code is unsafe.
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown error"
            catalog.warnings.append("skipping \(path): not a loadable shared library (\(reason))")
            return
        }
        guard let symbol = dlsym(handle, LB_DOMAIN_REGISTER_SYMBOL) else {
            catalog.warnings.append("skipping \(path): no \(LB_DOMAIN_REGISTER_SYMBOL) symbol")
            return
        }
        let register = unsafeBitCast(symbol, to: lb_domain_register_fn.self)
        let collector = Collector()
        var registrar = lb_registrar(
            abi_version: LB_DOMAIN_ABI_VERSION,
            context: Unmanaged.passUnretained(collector).toOpaque(),
            add_domain: { registrar, domain in
                guard let registrar, let context = registrar.pointee.context, let domain else { return 1 }
                Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().descriptors.append(domain)
                return 0
            })
        let status = withExtendedLifetime(collector) { register(&registrar) }
        if collector.descriptors.isEmpty {
            catalog.warnings.append("skipping \(path): lb_domain_register returned \(status) and registered no domain"
                + (status == 2 ? " (ABI version mismatch)" : ""))
            return
        }
        for descriptor in collector.descriptors {
            do {
                let info = try DomainInfo(descriptor: descriptor, library: path)
                if let existing = catalog.domains[info.name] {
                    catalog.warnings.append("skipping domain \(info.name) in \(path): already provided by \(existing.library)")
                } else {
                    catalog.domains[info.name] = info
                }
            } catch {
                catalog.warnings.append("skipping a domain in \(path): \(error)")
            }
        }
    }

    private final class Collector {
        var descriptors: [UnsafePointer<lb_domain>] = []
    }
}
