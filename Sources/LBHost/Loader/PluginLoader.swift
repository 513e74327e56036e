import CLBDomain
#if canImport(Glibc)
import Glibc
#endif

/// Finds domain plugins: every shared library in a directory is opened and
/// asked to register its domains. A library that cannot be used is skipped
/// with a warning naming the file and the reason; it never stops the others.
/// Spec files (`*.yaml`, `*.yml`) in the directory, and any named by the
/// caller, are read and offered to every library through the registrar: a
/// spec plugin turns each into a domain.
public enum PluginLoader {
    /// Loads every `*.so` in `directory` (sorted by name, so the first of two
    /// libraries claiming one domain name wins on every machine). The
    /// directory's specs become domains like the libraries' (a bad one is a
    /// warning); `specFiles` land in the catalog's `specs`, by path, for the
    /// caller to select (a bad one is the caller's error).
    public static func load(directory: String, specFiles: [String] = []) throws -> DomainCatalog {
        var catalog = DomainCatalog()
        guard let dir = opendir(directory) else {
            throw HostError("cannot read plugins directory \(directory): \(String(cString: strerror(errno)))")
        }
        var libraries: [String] = [], folderSpecs: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if name.hasSuffix(".so") || name.contains(".so.") || name.hasSuffix(".dylib") { libraries.append(path) }
            if !name.hasPrefix("."), name.hasSuffix(".yaml") || name.hasSuffix(".yml") { folderSpecs.append(path) }
        }
        closedir(dir)
        var specs = SpecOffer()
        for path in folderSpecs.sorted() { specs.read(path, given: false) }
        for path in specFiles { specs.read(path, given: true) }
        for path in libraries.sorted() {
            load(library: path, specs: &specs, into: &catalog)
        }
        specs.settle(into: &catalog)
        return catalog
    }

    static func load(library path: String, specs: inout SpecOffer, into catalog: inout DomainCatalog) {
        #if os(Linux)
        // dlopen trusts the headers: a cut-short copy would crash the process.
        if let problem = ELFCheck.problem(path: path) {
            catalog.warnings.append("skipping \(path): not a loadable shared library (\(problem))")
            return
        }
        #endif
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
        let status = specs.withCFiles { files, count in
            var registrar = lb_registrar(
                abi_version: LB_DOMAIN_ABI_VERSION,
                context: Unmanaged.passUnretained(collector).toOpaque(),
                add_domain: { registrar, domain in
                    guard let registrar, let context = registrar.pointee.context, let domain else { return LB_STATUS_FAILED }
                    Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().descriptors.append(domain)
                    return LB_STATUS_OK
                },
                spec_files: files,
                spec_file_count: count,
                add_spec_domain: { registrar, index, domain, error in
                    guard let registrar, let context = registrar.pointee.context else { return LB_STATUS_FAILED }
                    let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
                    guard index < registrar.pointee.spec_file_count, (domain == nil) != (error == nil) else { return LB_STATUS_FAILED }
                    collector.specAnswers.append((Int(index), domain, error.map { String(cString: $0) }))
                    return LB_STATUS_OK
                })
            return withExtendedLifetime(collector) { register(&registrar) }
        }
        for (index, domain, error) in collector.specAnswers {
            specs.answer(index, library: path, domain: domain, error: error)
        }
        if collector.descriptors.isEmpty {
            // A spec plugin offered no spec has nothing to register.
            if status == LB_STATUS_OK && (specs.files.isEmpty || !collector.specAnswers.isEmpty) { return }
            catalog.warnings.append("skipping \(path): lb_domain_register returned \(status) and registered no domain"
                + (status == LB_STATUS_ABI_MISMATCH ? " (ABI version mismatch)" : ""))
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
        var specAnswers: [(index: Int, domain: UnsafePointer<lb_domain>?, error: String?)] = []
    }
}
