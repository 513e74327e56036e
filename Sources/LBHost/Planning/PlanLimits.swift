/// The bounds a plan must keep once the row layout is known: a file count
/// that the run can hold, files no smaller than the domain's smallest, and
/// row ids inside Int64. Each is one clear error before anything is written;
/// every user's number goes through checked arithmetic here.
public enum PlanLimits {
    /// Files one run may plan, across all nodes.
    public static let maximumFiles = 10_000_000

    /// Files the run makes: the reference's count for a size in bytes
    /// (RunPlan.fileCount), or as many as `rows` needs, the last holding the
    /// remainder.
    public static func fileCount(size: GenerateRequest.Size, fileBytes: Double, rowsPerFile: Int) throws -> Int {
        let count: Int
        switch size {
        case .bytes(let bytes): count = RunPlan.fileCount(targetBytes: bytes, fileBytes: fileBytes)
        case .rows(let rows): count = rows / rowsPerFile + (rows % rowsPerFile == 0 ? 0 : 1)
        }
        guard count <= maximumFiles else {
            throw HostError("that makes \(count == .max ? "over \(Int.max)" : String(count)) files, more than the \(maximumFiles) a run may plan; raise --file-size-mb")
        }
        return count
    }

    /// A file cannot be smaller than one row with its footer: refused when
    /// the files would come out at more than twice the size asked for.
    public static func checkFileSize(layout: RowLayout, fileBytes: Double, domain: String) throws {
        let fileEstimate = Double(layout.rowsPerFile) * layout.bytesPerRow
        guard fileEstimate <= fileBytes * 2 else {
            let smallestMiB = (layout.bytesPerRow / 1024 / 1024 * 1000).rounded(.up) / 1000
            throw HostError("--file-size-mb \(fileBytes / 1024 / 1024) is below the smallest file of \(domain) "
                + "(one row and its footer, about \(Int(layout.bytesPerRow.rounded(.up))) bytes); use --file-size-mb \(smallestMiB) or more")
        }
    }

    /// Rows are numbered fileID × rowsPerFile + row, fileID = cycle << 32 | file
    /// index: every id of the plan must stay below 2^63.
    public static func checkRowIDs(totalFiles: Int, cycle: Int, rowsPerFile: Int) throws {
        let (shifted, over1) = cycle.multipliedReportingOverflow(by: 1 << 32)
        let (fileIDs, over2) = shifted.addingReportingOverflow(totalFiles)
        let (rowEnd, over3) = fileIDs.multipliedReportingOverflow(by: rowsPerFile)
        guard over1 || over2 || over3 || rowEnd < 0 else { return }
        let largest = max(0, (Int.max / rowsPerFile - totalFiles) >> 32)
        throw HostError("--cycle \(cycle) is out of range: at \(rowsPerFile) rows per file its row ids would pass 2^63 (the largest cycle of this plan is \(largest))")
    }
}
