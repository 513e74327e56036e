import LBParquet

/// Checks a planned file in the store against the plan: it counts as done
/// only if it is whole (its size holds a Parquet footer that parses, with
/// the planned row count) and its `lb_datagen.*` metadata is this run's.
/// Both --resume and `lb-datagen verify` decide with it; names and the
/// checkpoint are never proof.
public struct ObjectChecker: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// Whole, and the one this run makes.
        case done
        case missing
        /// Not a whole Parquet file (cut short, empty, damaged): made again on resume.
        case incomplete(String)
        /// A whole file of another run (other seed, parameters, codec, plan):
        /// resume refuses to mix it into this run's files.
        case foreign(String)
    }

    let store: ObjectStore
    let plan: RunPlan
    /// The `lb_datagen.*` metadata file `index` carries in this run.
    let expectedMetadata: @Sendable (Int) -> [(key: String, value: String)]

    /// Keys that may differ between runs that make identical data.
    static let ignoredKeys: Set<String> = ["lb_datagen.version"]
    /// Bytes read from a file's end at first: the footer of most files fits.
    static let tailBytes = 64 << 10

    public init(store: ObjectStore, plan: RunPlan, expectedMetadata: @escaping @Sendable (Int) -> [(key: String, value: String)]) {
        self.store = store
        self.plan = plan
        self.expectedMetadata = expectedMetadata
    }

    /// Which of `files` are done, for --resume: files listed in the store
    /// are checked; one not whole is logged and made again; a whole file of
    /// another run is an error before anything is written (its data would
    /// mix with this run's).
    public func doneFiles(_ files: [Int], log: (String) -> Void) throws -> Set<Int> {
        let wanted = Set(files)
        let present = try store.list(prefix: plan.keyPrefix).compactMap(plan.fileIndex(ofKey:)).filter(wanted.contains)
        var done = Set<Int>()
        var foreign: [String] = []
        for index in present.sorted() {
            switch check(index) {
            case .done: done.insert(index)
            case .missing: break
            case .incomplete(let why): log("\(plan.key(index)): not a whole Parquet file (\(why)); making it again")
            case .foreign(let why): foreign.append("\(plan.key(index)) (\(why))")
            }
        }
        if let first = foreign.first {
            throw HostError("--resume: \(foreign.count) file(s) in \(store.location) were made by another run, "
                + "first \(first); remove them or write elsewhere")
        }
        return done
    }

    public func check(_ index: Int) -> Verdict {
        let key = plan.key(index)
        let footer: ParquetFooter
        do {
            guard let size = try store.size(key: key) else { return .missing }
            guard size >= 12 else { return .incomplete("\(size) bytes, too short for a Parquet file") }
            var tail = try store.read(key: key, range: max(0, size - Self.tailBytes)..<size)
            guard tail.count == min(size, Self.tailBytes) else { return .incomplete("could not read its end") }
            let length = try ParquetFooter.footerLength(trailer: Array(tail.suffix(ParquetFooter.trailerBytes)), fileSize: size)
            if length + ParquetFooter.trailerBytes > tail.count {
                tail = try store.read(key: key, range: size - length - ParquetFooter.trailerBytes..<size)
            }
            let head = size <= Self.tailBytes ? Array(tail.prefix(4)) : try store.read(key: key, range: 0..<4)
            guard head == Array("PAR1".utf8) else { return .incomplete("it does not start with PAR1") }
            footer = try ParquetFooter(footer: Array(tail.suffix(length + ParquetFooter.trailerBytes).prefix(length)))
        } catch {
            return .incomplete("\(error)")
        }
        let expected = expectedMetadata(index).filter { !Self.ignoredKeys.contains($0.key) }
        guard footer.keyValueMetadata.keys.contains(where: { $0.hasPrefix("lb_datagen.") }) else {
            return .foreign("not made by lb-datagen (no lb_datagen.* metadata)")
        }
        let differing = expected.filter { footer.keyValueMetadata[$0.key] != $0.value }.map { name, value in
            "\(name) is \(footer.keyValueMetadata[name].map { "'\($0)'" } ?? "missing"), this run's is '\(value)'"
        }
        guard differing.isEmpty else { return .foreign(differing.joined(separator: ", ")) }
        let rows = plan.rows(inFile: index)
        guard footer.rows == Int64(rows) else {
            return .foreign("\(footer.rows) rows, this run's plan has \(rows)")
        }
        return .done
    }
}
