/// The run as the host owns it: which files it makes, in what order, and
/// which of them are this node's. Generation, `--print-resolved-args`, the
/// checkpoint, resume and the summary all ask the plan.
///
/// Planned files: `totalFiles` of them; file `index` belongs to node
/// `index % totalNodes` (the reference's rule). A continuous plan then goes
/// on, after this node's planned files, with new files
/// `totalFiles + k × totalNodes + nodeID` (k = 0, 1, …) for as long as the
/// run lasts; those are never checkpointed (as in the reference).
public struct RunPlan: Sendable {
    public let layout: RowLayout
    public let totalFiles: Int
    /// Exact total of rows across all nodes when the user asked for rows;
    /// the last planned file then holds the remainder.
    public let totalRows: Int?
    public let nodeID: Int
    public let totalNodes: Int
    /// Cycle of a corpus made in several cycles; its file ids are offset by cycle << 32.
    public let cycle: Int
    /// Key prefix without leading or trailing slash ("" for none).
    public let keyPrefix: String
    /// Whether new files follow the planned ones (continuous mode with a duration).
    public let continues: Bool

    /// File indices stay below 2^32: the cycle sits in the upper half of a file id.
    public static let maximumFileIndex = Int(UInt32.max)

    public init(layout: RowLayout, totalFiles: Int, totalRows: Int?, nodeID: Int, totalNodes: Int, cycle: Int,
                keyPrefix: String, continues: Bool = false) {
        self.layout = layout
        self.totalFiles = totalFiles
        self.totalRows = totalRows
        self.nodeID = nodeID
        self.totalNodes = totalNodes
        self.cycle = cycle
        self.keyPrefix = keyPrefix
        self.continues = continues
    }

    /// The reference's file count for a size in bytes: max(1, floor(target / file size)).
    public static func fileCount(targetBytes: Double, fileBytes: Double) -> Int {
        let files = (targetBytes / fileBytes).rounded(.down)
        return files >= Double(Int.max) ? Int.max : max(1, Int(files))
    }

    /// This node's planned files, in order.
    public var nodeFiles: StrideTo<Int> {
        stride(from: nodeID, to: totalFiles, by: totalNodes)
    }

    public var nodeFileCount: Int {
        totalFiles > nodeID ? (totalFiles - nodeID - 1) / totalNodes + 1 : 0
    }

    /// Whether a file is one of the planned ones (and so checkpointed).
    public func isPlanned(_ index: Int) -> Bool {
        index >= 0 && index < totalFiles
    }

    /// Whether this node makes the file: a planned file of its share, or one of its new files.
    public func isThisNodes(_ index: Int) -> Bool {
        if isPlanned(index) { return index % totalNodes == nodeID }
        return continues && index >= totalFiles && index <= Self.maximumFileIndex
            && (index - totalFiles) % totalNodes == nodeID
    }

    /// The files this node makes, in order, without those in `done`: its
    /// planned files, then (continuous plan) new files without end.
    public func files(skipping done: Set<Int> = []) -> Files {
        Files(plan: self, done: done)
    }

    public struct Files: Sequence, Sendable {
        let plan: RunPlan
        let done: Set<Int>

        public func makeIterator() -> Iterator {
            Iterator(plan: plan, done: done, planned: plan.nodeFiles.makeIterator())
        }

        public struct Iterator: IteratorProtocol, Sendable {
            let plan: RunPlan
            let done: Set<Int>
            var planned: StrideToIterator<Int>
            /// k of the next new file, totalFiles + k × totalNodes + nodeID.
            var continuation = 0

            public mutating func next() -> Int? {
                while let index = planned.next() {
                    if !done.contains(index) { return index }
                }
                guard plan.continues else { return nil }
                while true {
                    let index = plan.totalFiles + continuation * plan.totalNodes + plan.nodeID
                    guard index <= RunPlan.maximumFileIndex else { return nil }
                    continuation += 1
                    if !done.contains(index) { return index }
                }
            }
        }
    }

    /// Row groups of the planned files among `files`; nil if the plan is endless.
    public func plannedRowGroups(of files: Files) -> Int? {
        guard !continues else { return nil }
        return files.reduce(0) { $0 + (rows(inFile: $1) + layout.rowsPerRowGroup - 1) / layout.rowsPerRowGroup }
    }

    public func rows(inFile index: Int) -> Int {
        guard let totalRows, isPlanned(index) else { return layout.rowsPerFile }
        return min(layout.rowsPerFile, totalRows - index * layout.rowsPerFile)
    }

    /// The id that seeds a file's data and numbers its rows.
    public func fileID(_ index: Int) -> UInt64 {
        UInt64(index) | UInt64(cycle) << 32
    }

    /// `<prefix>/part-NNNNNN.parquet`; in cycle n > 0, `part-cNNN-NNNNNN.parquet`.
    public func key(_ index: Int) -> String {
        let number = Self.padded(index, 6)
        let name = cycle > 0 ? "part-c\(Self.padded(cycle, 3))-\(number).parquet" : "part-\(number).parquet"
        return keyPrefix.isEmpty ? name : keyPrefix + "/" + name
    }

    /// The file index a key names, if it is one of this plan's keys (a
    /// planned file, or with a continuous plan any later one).
    public func fileIndex(ofKey key: String) -> Int? {
        let name = keyPrefix.isEmpty ? key : (key.hasPrefix(keyPrefix + "/") ? String(key.dropFirst(keyPrefix.count + 1)) : "")
        let stem = cycle > 0 ? "part-c\(Self.padded(cycle, 3))-" : "part-"
        guard name.hasPrefix(stem), name.hasSuffix(".parquet") else { return nil }
        let digits = name.dropFirst(stem.count).dropLast(".parquet".count)
        guard digits.count >= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let index = Int(digits),
              isPlanned(index) || (continues && index <= Self.maximumFileIndex),
              key == self.key(index) else { return nil }
        return index
    }

    /// Joins prefix parts with single slashes: no leading, trailing or double slash.
    public static func normalizedPrefix(_ parts: [String]) -> String {
        parts.flatMap { $0.split(separator: "/") }.joined(separator: "/")
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
