import FoundationEssentials

/// Checks a node's completion marker, when it has one, against this run's
/// plan and the node's files. A marker is written last, only when the node
/// made its whole share, so it must name this run's corpus (its
/// `corpus_args_sha256`), cycle and node split, count the node's files and
/// rows, and stand beside files that are all whole. No marker is no
/// problem: the node may still be running.
public struct MarkerChecker: Sendable {
    /// What a marker says, as far as it is checked (any field may be absent;
    /// the marker's names are these in snake case).
    struct Fields: Decodable {
        var format: Int?
        var domain: String?
        var domainVersion: String?
        var cycle: Int?
        var cycles: Int?
        var nodeId: Int?
        var totalNodes: Int?
        var filesWritten: Int?
        var filesAlreadyDone: Int?
        var rowsWritten: Int?
        var bytesWritten: Int?
        var corpusArgsSha256: String?
    }

    let store: ObjectStore
    let plan: RunPlan
    let domain: String
    let domainVersion: String
    let cycles: Int
    let corpusSHA256: String

    public init(generator: Generator) {
        store = generator.store
        plan = generator.plan
        domain = generator.domain.info.name
        domainVersion = generator.domain.info.version
        cycles = generator.request.cycles
        corpusSHA256 = CompletionMarker.sha256Hex(CompletionMarker.corpusArgs(generator).canonical)
    }

    /// The key of node `node`'s marker in this run's cycle.
    public func key(node: Int) -> String { CompletionMarker.key(prefix: plan.keyPrefix, cycle: plan.cycle, node: node) }

    /// Node `node`'s marker: nil when there is none or it agrees, else one
    /// line saying how it disagrees. `notWhole` counts the node's planned
    /// files that are missing or not this run's whole files.
    public func problem(node: Int, notWhole: Int) -> String? {
        let key = key(node: node)
        let text: [UInt8]
        do {
            guard let size = try store.size(key: key) else { return nil }
            text = try store.read(key: key, range: 0..<size)
        } catch {
            return "completion marker cannot be read: \(error)"
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let fields = try? decoder.decode(Fields.self, from: Data(text)), fields.format == 1 else {
            return "not a completion marker (format 1 JSON)"
        }
        guard fields.corpusArgsSha256 == corpusSHA256 else {
            return "completion marker of another run: its corpus_args_sha256 is not this run's"
        }
        var disagreements: [String] = []
        func expect<T: Equatable>(_ name: String, _ value: T?, _ wanted: T) {
            if value != wanted { disagreements.append("\(name) \(value.map { "\($0)" } ?? "absent"), expected \(wanted)") }
        }
        expect("domain", fields.domain, domain)
        expect("domain_version", fields.domainVersion, domainVersion)
        expect("cycle", fields.cycle, plan.cycle)
        expect("cycles", fields.cycles, cycles)
        expect("node_id", fields.nodeId, node)
        expect("total_nodes", fields.totalNodes, plan.totalNodes)

        // The node's share: every planned file, written by the last run or found done by it.
        let files = Array(stride(from: node, to: plan.totalFiles, by: plan.totalNodes))
        let counted = (fields.filesWritten ?? 0) + (fields.filesAlreadyDone ?? 0)
        if fields.filesWritten == nil || (plan.continues ? counted < files.count : counted != files.count) {
            let said = fields.filesWritten == nil ? "absent" : String(counted)
            disagreements.append("files_written + files_already_done \(said), the node has \(files.count) planned file(s)")
        }
        // Rows and bytes count what the last run wrote: all of the share when it found none done.
        if fields.filesAlreadyDone == 0, !plan.continues {
            let rows = files.reduce(0) { $0 + plan.rows(inFile: $1) }
            expect("rows_written", fields.rowsWritten, rows)
            if notWhole == 0, let bytes = try? files.reduce(0, { $0 + (try store.size(key: plan.key($1)) ?? 0) }) {
                expect("bytes_written", fields.bytesWritten, bytes)
            }
        }
        if notWhole > 0 {
            disagreements.append("the node is not complete: \(notWhole) of its \(files.count) file(s) are not whole")
        }
        return disagreements.isEmpty ? nil : "completion marker disagrees: " + disagreements.joined(separator: "; ")
    }
}
