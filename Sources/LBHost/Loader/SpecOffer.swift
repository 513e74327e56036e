import CLBDomain
#if canImport(Glibc)
import Glibc
#endif

/// The spec files offered to plugins during one load, and the answers that
/// came back: a domain or one line of error per file.
struct SpecOffer {
    struct File {
        let path: String
        /// Named by the caller (--domain-spec) rather than found in the folder.
        let given: Bool
        /// The file's text, or why it could not be read.
        let text: String?
        var readError: String?
        var domain: DomainInfo?
        var error: String?
    }

    private(set) var files: [File] = []

    /// Spec files are kilobytes; the bound stops a device or a mistaken
    /// path (/dev/zero, a disk image) from being read into memory without end.
    static let maximumBytes = 64 << 20

    mutating func read(_ path: String, given: Bool) {
        func refuse(_ reason: String) {
            files.append(File(path: path, given: given, text: nil, readError: "cannot read spec file \(path): \(reason)"))
        }
        // A folder's FIFO or device would block or never end a listing; a
        // path the user names may be one (`--domain-spec <(...)`).
        var status = stat()
        if !given, stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG { return refuse("not a regular file") }
        guard let handle = fopen(path, "rb") else { return refuse(String(cString: strerror(errno))) }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count <= Self.maximumBytes {
            let count = fread(&chunk, 1, chunk.count, handle)
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        if ferror(handle) != 0 { return refuse(String(cString: strerror(errno))) }
        if bytes.count > Self.maximumBytes { return refuse("is larger than \(Self.maximumBytes >> 20) MiB: not a spec file") }
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else { return refuse("not UTF-8 text") }
        files.append(File(path: path, given: given, text: text))
    }

    /// The readable files as the registrar's C array, valid during `body`.
    func withCFiles<R>(_ body: (UnsafePointer<lb_spec_file>?, UInt32) -> R) -> R {
        let strings = files.map { file in (strdup(file.path)!, file.text.map { strdup($0)! }) }
        defer { strings.forEach { free($0.0); $0.1.map { free($0) } } }
        // An unreadable file is offered with empty text; its answer is ignored.
        let empty = strdup("")!
        defer { free(empty) }
        let array = strings.map { lb_spec_file(path: $0.0, text: $0.1 ?? empty) }
        return array.withUnsafeBufferPointer { body($0.baseAddress, UInt32($0.count)) }
    }

    /// Records a plugin's answer for file `index` (the first answer wins).
    mutating func answer(_ index: Int, library: String, domain: UnsafePointer<lb_domain>?, error: String?) {
        guard files.indices.contains(index), files[index].readError == nil,
              files[index].domain == nil, files[index].error == nil else { return }
        if let domain {
            do {
                files[index].domain = try DomainInfo(descriptor: domain, library: "\(files[index].path) (\(library))")
            } catch {
                files[index].error = "\(files[index].path): \(error)"
            }
        } else {
            files[index].error = error ?? "\(files[index].path): rejected"
        }
    }

    /// Folder specs join the catalog's domains (a bad one is a warning);
    /// every file's outcome lands in `catalog.specs`.
    func settle(into catalog: inout DomainCatalog) {
        for file in files {
            let outcome: Result<DomainInfo, HostError>
            if let domain = file.domain {
                outcome = .success(domain)
            } else {
                outcome = .failure(HostError(file.readError ?? file.error ?? "no plugin reads spec files (\(file.path)): is libSpecDomains.so in the plugins folder?"))
            }
            catalog.specs[file.path] = outcome
            guard !file.given else { continue }
            switch outcome {
            case .success(let info):
                if let existing = catalog.domains[info.name] {
                    catalog.warnings.append("skipping domain \(info.name) of \(file.path): already provided by \(existing.library)")
                } else {
                    catalog.domains[info.name] = info
                }
            case .failure(let error):
                catalog.warnings.append("skipping spec \(error)")
            }
        }
    }
}
