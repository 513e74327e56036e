import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The process environment, read in one place.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// CPUs this process may use: the cgroup v2 quota when one is set,
    /// else the CPUs in its affinity mask (what "--workers 0" means).
    static func availableCPUs() -> Int {
        var cpus = ProcessInfo.processInfo.activeProcessorCount
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/cpu.max", encoding: .utf8) {
            let fields = text.split(whereSeparator: \.isWhitespace)
            if fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), period > 0 {
                cpus = min(cpus, max(1, Int((quota / period).rounded(.up))))
            }
        }
        return max(1, cpus)
    }

    /// Where plugins are looked for when neither --plugins-dir nor
    /// LB_PLUGINS_DIR says: a `plugins` folder beside the binary (the build
    /// folder), then the install tree's `plugins` (`/opt/lb-datagen/plugins`
    /// in the image, a path custom images rely on).
    static func defaultPluginsDirectory() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let binDirectory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        let candidates = [binDirectory.appendingPathComponent("plugins").path,
                          binDirectory.deletingLastPathComponent().appendingPathComponent("plugins").path]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }
}
