#if canImport(Glibc)
import Glibc
#endif

/// Checks a shared library's ELF headers before it is handed to dlopen: the
/// dynamic loader trusts them and maps a truncated or foreign file into a
/// crash (a bus error on the first page past the end of a cut-short copy).
/// A file passes when it is a 64-bit little-endian shared object for this
/// machine whose program headers, section headers and load segments all lie
/// within the file.
enum ELFCheck {
    /// Why the file at `path` cannot be loaded, or nil when it looks sound.
    static func problem(path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return "cannot open: \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return "cannot stat: \(String(cString: strerror(errno)))" }
        guard status.st_mode & S_IFMT == S_IFREG else { return "not a regular file" }
        let size = UInt64(status.st_size)

        func read(_ count: Int, at offset: UInt64) -> [UInt8]? {
            guard offset <= size, UInt64(count) <= size - offset else { return nil }
            var bytes = [UInt8](repeating: 0, count: count)
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return got == count ? bytes : nil
        }
        func integer(_ bytes: [UInt8], _ at: Int, _ width: Int) -> UInt64 {
            (0..<width).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) }
        }

        guard let header = read(64, at: 0) else { return "not an ELF file (\(size) bytes)" }
        guard header[0..<4].elementsEqual([0x7f, 0x45, 0x4c, 0x46]) else { return "not an ELF file" }
        guard header[4] == 2 else { return "not a 64-bit ELF file (class \(header[4]))" }
        guard header[5] == 1 else { return "not a little-endian ELF file" }
        guard integer(header, 16, 2) == 3 else { return "not a shared object (ELF type \(integer(header, 16, 2)))" }
        let machine = integer(header, 18, 2)
        guard machine == hostMachine else { return "built for ELF machine \(machine), this host is \(hostMachine)" }

        let programOffset = integer(header, 32, 8), sectionOffset = integer(header, 40, 8)
        let programEntry = integer(header, 54, 2), programCount = integer(header, 56, 2)
        let sectionEntry = integer(header, 58, 2), sectionCount = integer(header, 60, 2)
        guard programEntry == 56, programCount > 0 else { return "malformed program headers" }
        guard programOffset <= size, programCount * 56 <= size - programOffset else {
            return "truncated: program headers end past the file's \(size) bytes"
        }
        if sectionCount > 0 {
            guard sectionEntry == 64, sectionOffset <= size, sectionCount * 64 <= size - sectionOffset else {
                return "truncated: section headers end past the file's \(size) bytes"
            }
        }
        for index in 0..<programCount {
            guard let entry = read(56, at: programOffset + index * 56) else { return "truncated program header" }
            let type = integer(entry, 0, 4)
            let offset = integer(entry, 8, 8), fileSize = integer(entry, 32, 8), memorySize = integer(entry, 40, 8)
            // PT_LOAD and PT_DYNAMIC are read from the file by the loader.
            guard type == 1 || type == 2 else { continue }
            guard offset <= size, fileSize <= size - offset else {
                return "truncated: segment \(index) ends at byte \(offset &+ fileSize) of a \(size)-byte file"
            }
            guard type != 1 || fileSize <= memorySize else { return "malformed load segment \(index)" }
        }
        return nil
    }

    /// e_machine of the libraries this process can load.
    static var hostMachine: UInt64 {
        #if arch(x86_64)
        return 62
        #elseif arch(arm64)
        return 183
        #else
        return 0
        #endif
    }
}
