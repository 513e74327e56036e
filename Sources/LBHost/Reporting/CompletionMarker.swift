import COpenSSL
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Lakebench's per-node completion marker (its v1.6+ Job reads it):
/// `<prefix>/_corpus/c<cycle, 3 digits>-node-<node, 4 digits>.json`, canonical
/// JSON written last, and only when the node finished its share. Spark and
/// the resume listing skip the `_`-prefixed folder.
///
/// `corpus_args` holds every argument that shapes the data (writer settings
/// included) and nothing else, so `corpus_args_sha256` (of its canonical
/// JSON) is equal for two nodes or runs exactly when their files are.
public struct CompletionMarker: Sendable {
    public let key: String
    public let fields: [String: JSONValue]

    public static func key(for plan: RunPlan) -> String {
        key(prefix: plan.keyPrefix, cycle: plan.cycle, node: plan.nodeID)
    }

    static func key(prefix: String, cycle: Int, node: Int) -> String {
        let name = "_corpus/c\(RunPlan.padded(cycle, 3))-node-\(RunPlan.padded(node, 4)).json"
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    init(generator: Generator, summary: RunSummary, completed: Date) {
        let request = generator.request
        let plan = generator.plan
        let corpus = Self.corpusArgs(generator)
        let parameters = JSONValue.object(Dictionary(uniqueKeysWithValues: generator.domain.parameters.map { ($0.name, .string($0.value)) }))
        key = Self.key(for: plan)
        fields = [
            "format": .int(1),
            "schema": .string(generator.domain.info.name),
            "model_version": .string(generator.domain.info.version),
            "build_commit": .null,  // not recorded at build time; the program's version is in `generator`
            "generator": .string(Version.createdBy),
            "cycle": .int(plan.cycle),
            "cycles": .int(request.cycles),
            "node_id": .int(plan.nodeID),
            "total_nodes": .int(plan.totalNodes),
            "delivery_mode": request.deliveryMode.map { .string($0.rawValue) } ?? .null,
            "files_written": .int(summary.filesWritten),
            "files_already_done": .int(summary.filesAlreadyDone),
            "rows_written": .int(summary.rowsWritten),
            "bytes_written": .int(summary.bytesWritten),
            "seed_ref": .int(Int(truncatingIfNeeded: request.seed)),
            "corpus_args": corpus,
            "corpus_args_sha256": .string(Self.sha256Hex(corpus.canonical)),
            "completed_utc": .string(Date.ISO8601FormatStyle().format(completed)),
            "domain": .string(generator.domain.info.name),
            "domain_version": .string(generator.domain.info.version),
            "parameters": parameters,
        ]
    }

    public var json: String { JSONValue.object(fields).canonical }

    /// What shapes the files: domain and parameters, seed, sizes and the
    /// row layout, codec. Not where they go, nor how many workers or nodes.
    static func corpusArgs(_ generator: Generator) -> JSONValue {
        let request = generator.request
        let layout = generator.plan.layout
        var args: [String: JSONValue] = [
            "domain": .string(generator.domain.info.name),
            "domain_version": .string(generator.domain.info.version),
            "parameters": .object(Dictionary(uniqueKeysWithValues: generator.domain.parameters.map { ($0.name, .string($0.value)) })),
            "seed": .string(String(request.seed)),
            "file_size_bytes": .double(request.fileBytes),
            "row_group_bytes": .int(request.rowGroupBytes),
            "total_files": .int(generator.plan.totalFiles),
            "rows_per_file": .int(layout.rowsPerFile),
            "rows_per_row_group": .int(layout.rowsPerRowGroup),
            "rows_per_batch": .int(layout.rowsPerBatch),
            "compression": .string(request.codecDescription),
            "cycles": .int(request.cycles),
        ]
        switch request.size {
        case .bytes(let bytes): args["target_bytes"] = .double(bytes.rounded())
        case .rows(let rows): args["total_rows"] = .int(rows)
        }
        return .object(args)
    }

    static func sha256Hex(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var bytes = Array(text.utf8)
        let ok = bytes.withUnsafeMutableBytes { data in
            digest.withUnsafeMutableBufferPointer { lb_sha256(data.baseAddress, data.count, $0.baseAddress) }
        }
        precondition(ok == 1, "OpenSSL SHA-256 failed")
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
