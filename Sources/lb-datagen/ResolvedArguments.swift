import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost
import LBParquet

/// The command line and environment turned into a run request, with every
/// check on the input made here, before anything is loaded or written.
struct ResolvedArguments {
    var request: GenerateRequest
    var output: OutputChoice
    var fields: [String: String]
    /// Parameters set through a customer360 shorthand flag: parameter name -> flag.
    var shorthands: [String: String] = [:]

    var canonicalJSON: String {
        "{" + fields.keys.sorted().map { "\"\($0)\": \(fields[$0]!)" }.joined(separator: ", ") + "}"
    }
}

extension Generate {
    func resolve() throws -> ResolvedArguments {
        func positive(_ value: Double?, _ flag: String) throws -> Double? {
            guard let value else { return nil }
            guard value.isFinite, value > 0 else { throw UsageError("\(flag) must be a positive number, got \(value)") }
            return value
        }
        let sizes = [targetTB != nil, targetGB != nil, scale != nil, rows != nil].filter { $0 }.count
        guard sizes == 1 else {
            throw UsageError(sizes == 0 ? "give one of --target-tb, --target-gb, --scale or --rows"
                                        : "give only one of --target-tb, --target-gb, --scale or --rows")
        }
        let size: GenerateRequest.Size
        if let tb = try positive(targetTB, "--target-tb") { size = .bytes(tb * 1024 * 1024 * 1024 * 1024) }
        else if let gb = try positive(targetGB, "--target-gb") { size = .bytes(gb * 1024 * 1024 * 1024) }
        else if let units = try positive(scale, "--scale") { size = .bytes(units * 10 * 1024 * 1024 * 1024) }
        else {
            guard let rows, rows > 0 else { throw UsageError("--rows must be a positive whole number") }
            size = .rows(rows)
        }
        let fileMB = try positive(fileSizeMB, "--file-size-mb")!
        let rowGroupMiB = try positive(rowGroupMB, "--row-group-mb")!
        // Bounds that keep every count a plan makes well inside its integers.
        guard (Self.minimumFileMiB...Self.maximumFileMiB).contains(fileMB) else {
            throw UsageError("--file-size-mb must be between \(Self.minimumFileMiB) and \(Self.maximumFileMiB), got \(fileMB)")
        }
        guard (Self.minimumFileMiB...Self.maximumFileMiB).contains(rowGroupMiB) else {
            throw UsageError("--row-group-mb must be between \(Self.minimumFileMiB) and \(Self.maximumFileMiB), got \(rowGroupMiB)")
        }
        if case .bytes(let bytes) = size, RunPlan.fileCount(targetBytes: bytes, fileBytes: fileMB * 1024 * 1024) > PlanLimits.maximumFiles {
            throw UsageError("that target makes more than \(PlanLimits.maximumFiles) files of \(fileMB) MiB; raise --file-size-mb")
        }
        let output = try OutputChoice.resolve(output: output, bucket: bucket, prefix: prefix)
        let prefix = prefix ?? output.urlPrefix
        if let prefix {
            let segments = prefix.split(separator: "/")
            guard !segments.contains(where: { $0 == "." || $0 == ".." }),
                  !prefix.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else {
                throw UsageError("--prefix must not contain '.' or '..' segments or control characters, got '\(prefix)'")
            }
        }

        guard let runMode = RunMode(rawValue: mode) else {
            throw UsageError("--mode must be batch, sequential, continuous or all, got '\(mode)'")
        }
        let delivery = try deliveryMode.map { name in
            guard let value = DeliveryMode(rawValue: name) else {
                throw UsageError("--delivery-mode must be batch or continuous, got '\(name)'")
            }
            return value
        }
        if let duration {
            guard duration.isFinite, duration > 0, duration <= Self.maximumDuration else {
                throw UsageError("--duration must be a positive number of seconds up to \(Int(Self.maximumDuration)), got \(duration)")
            }
            guard runMode == .continuous else { throw UsageError("--duration applies to --mode continuous only") }
        }
        guard (0...Self.maximumWorkers).contains(workers) else {
            throw UsageError("--workers must be between 0 (all CPUs) and \(Self.maximumWorkers), got \(workers)")
        }
        guard totalNodes >= 1 else { throw UsageError("--total-nodes must be at least 1, got \(totalNodes)") }
        var node = nodeID ?? 0
        if nodeID == nil, let index = Environment.value("JOB_COMPLETION_INDEX") {
            guard let parsed = Int(index) else { throw UsageError("JOB_COMPLETION_INDEX must be a whole number, got '\(index)'") }
            node = parsed
        }
        guard node >= 0, node < totalNodes else {
            throw UsageError("node id \(node) is outside 0..<\(totalNodes) (--total-nodes)")
        }
        guard cycles >= 1, cycle >= 0, cycle < cycles else {
            throw UsageError("--cycle must be in 0..<--cycles (got cycle \(cycle) of \(cycles))")
        }

        let codecName = compression ?? Environment.value("DG_COMPRESSION") ?? "snappy"
        let codec = try Self.codec(codecName)
        let storesIncompressible = try storeIncompressible || Self.boolean("DG_STORE_INCOMPRESSIBLE", "--store-incompressible")

        var parameters: [String: String] = [:]
        for entry in params {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw UsageError("--param takes name=value, got '\(entry)'")
            }
            let name = String(entry[..<equals])
            guard parameters.updateValue(String(entry[entry.index(after: equals)...]), forKey: name) == nil else {
                throw UsageError("parameter \(name) is given more than once")
            }
        }
        let shorthands: [(String, String, String?)] = [
            ("payload_kb", "--payload-kb", payloadKB), ("dirty_ratio", "--dirty-ratio", dirtyRatio),
            ("timestamp_start", "--timestamp-start", timestampStart), ("timestamp_end", "--timestamp-end", timestampEnd),
            ("customer_id_max", "--customer-id-max", customerIDMax),
        ]
        var shorthandFlags: [String: String] = [:]
        for (name, flag, value) in shorthands {
            guard let value else { continue }
            guard parameters.updateValue(value, forKey: name) == nil else {
                throw UsageError("parameter \(name) is given twice (as --param and as its own flag)")
            }
            shorthandFlags[name] = flag
        }

        if case .discard = output, resume {
            throw UsageError("--resume has nothing to resume: --output /dev/null keeps no files")
        }
        var request = GenerateRequest(
            domain: domain, parameters: parameters, seed: seed, size: size, fileBytes: fileMB * 1024 * 1024,
            rowGroupBytes: Int(rowGroupMiB * 1024 * 1024), workers: workers == 0 ? min(Environment.availableCPUs(), Self.maximumWorkers) : workers,
            nodeID: node, totalNodes: totalNodes, cycle: cycle, cycles: cycles, mode: runMode, duration: duration,
            deliveryMode: delivery, prefix: prefix, keyRoot: output.keyRoot,
            compression: codec, resume: resume, checkpointPath: output.keepsFiles ? checkpoint : nil)
        request.storeIncompressible = storesIncompressible

        var fields: [String: String] = [
            "domain": jsonString(domain), "seed": String(seed), "file_size_mb": String(fileMB),
            "row_group_mb": String(rowGroupMiB), "workers": String(request.workers), "node_id": String(node),
            "total_nodes": String(totalNodes), "mode": jsonString(mode), "cycle": String(cycle), "cycles": String(cycles),
            "compression": jsonString(codecName), "store_incompressible": String(storesIncompressible), "resume": String(resume), "checkpoint": jsonString(checkpoint),
            "output": jsonString(output.description), "prefix": prefix.map(jsonString) ?? "null",
            "delivery_mode": deliveryMode.map(jsonString) ?? "null", "duration": duration.map { String($0) } ?? "null",
            "params": ResolvedArguments.paramsJSON(parameters),
        ]
        switch size {
        case .bytes(let bytes):
            fields["target_bytes"] = String(printf: "%.0f", bytes)
            fields["total_files"] = String(RunPlan.fileCount(targetBytes: bytes, fileBytes: request.fileBytes))
        case .rows(let rows): fields["rows"] = String(rows)
        }
        return ResolvedArguments(request: request, output: output, fields: fields, shorthands: shorthandFlags)
    }

    static let minimumFileMiB = 0.001
    static let maximumFileMiB = 1024.0 * 1024
    /// Each worker holds about one row group: more than this only exhausts memory.
    static let maximumWorkers = 256
    /// A year: far past any benchmark, well inside the clock's nanoseconds.
    static let maximumDuration = 366.0 * 24 * 3600

    /// A true/false environment variable (unset: false); `flag` is named in the error.
    static func boolean(_ variable: String, _ flag: String) throws -> Bool {
        guard let text = Environment.value(variable) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw UsageError("\(variable) (\(flag)) must be true or false, not '\(text)'")
        }
    }

    static func codec(_ name: String) throws -> Compression {
        switch name.lowercased() {
        case "snappy": return .snappy
        case "none", "uncompressed": return .none
        case "zstd": return .zstd(level: 1)
        case "lz4", "lz4_raw": return .lz4Raw
        case let text where text.hasPrefix("zstd"):
            guard let level = Int32(text.dropFirst(4)), (1...22).contains(level) else {
                throw UsageError("unknown compression '\(name)': use snappy, zstd, zstd1...zstd22, lz4 or none")
            }
            return .zstd(level: level)
        default:
            throw UsageError("unknown compression '\(name)': use snappy, zstd, zstd1...zstd22, lz4 or none")
        }
    }
}
