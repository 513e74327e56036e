/// Which files a run makes and which of them belong to this node.
/// File `index` belongs to node `index % totalNodes` (the reference's rule).
public struct RunPlan: Sendable {
    public let layout: RowLayout
    public let totalFiles: Int
    /// Exact total of rows across all nodes when the user asked for rows;
    /// the last file then holds the remainder.
    public let totalRows: Int?
    public let nodeID: Int
    public let totalNodes: Int
    /// Cycle of a corpus made in several cycles; its file ids are offset by cycle << 32.
    public let cycle: Int
    /// Key prefix without leading or trailing slash ("" for none).
    public let keyPrefix: String

    public init(layout: RowLayout, totalFiles: Int, totalRows: Int?, nodeID: Int, totalNodes: Int, cycle: Int, keyPrefix: String) {
        self.layout = layout
        self.totalFiles = totalFiles
        self.totalRows = totalRows
        self.nodeID = nodeID
        self.totalNodes = totalNodes
        self.cycle = cycle
        self.keyPrefix = keyPrefix
    }

    /// File indices this node makes, in order.
    public var nodeFiles: [Int] {
        Array(stride(from: nodeID, to: totalFiles, by: totalNodes))
    }

    public func rows(inFile index: Int) -> Int {
        guard let totalRows else { return layout.rowsPerFile }
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

    /// The file index a key names, if it is one of this plan's keys.
    public func fileIndex(ofKey key: String) -> Int? {
        let name = keyPrefix.isEmpty ? key : (key.hasPrefix(keyPrefix + "/") ? String(key.dropFirst(keyPrefix.count + 1)) : "")
        let stem = cycle > 0 ? "part-c\(Self.padded(cycle, 3))-" : "part-"
        guard name.hasPrefix(stem), name.hasSuffix(".parquet") else { return nil }
        let digits = name.dropFirst(stem.count).dropLast(".parquet".count)
        guard digits.count >= 6, digits.allSatisfy(\.isNumber), let index = Int(digits), index < totalFiles,
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
