import LBParquet
import LBSync

/// Turns row groups, handed over in file order, into committed objects:
/// opens a file's upload at its first row group, appends each one, and at
/// the last writes the footer, commits, checkpoints and records the file.
/// The pipeline calls it from one worker at a time, in order, so it holds
/// its state without a lock of its own. A file whose upload fails is
/// aborted and recorded as an error; the run goes on with the others.
final class FileAssembler: @unchecked Sendable {
    private let store: ObjectStore
    private let plan: RunPlan
    private let schema: ParquetSchema
    private let options: WriterOptions
    private let metadata: (UInt64) -> [(key: String, value: String)]
    private let onFileFailed: (Int, String) -> Void
    private let onWarning: (String) -> Void
    private let progress: RunProgress
    private var checkpoint: Checkpoint
    private var upload: ObjectUpload?
    private var writer: ParquetFileWriter?
    private(set) var files: [RunSummary.File] = []
    /// Files made after the planned ones (continuous mode): never checkpointed.
    private(set) var filesPastPlan = 0
    private(set) var errors: [String] = []
    private(set) var writeNanoseconds: UInt64 = 0

    init(store: ObjectStore, plan: RunPlan, schema: ParquetSchema, options: WriterOptions, checkpoint: Checkpoint,
         progress: RunProgress,
         metadata: @escaping (UInt64) -> [(key: String, value: String)],
         onFileFailed: @escaping (Int, String) -> Void, onWarning: @escaping (String) -> Void) {
        self.store = store
        self.plan = plan
        self.schema = schema
        self.options = options
        self.checkpoint = checkpoint
        self.metadata = metadata
        self.onFileFailed = onFileFailed
        self.onWarning = onWarning
        self.progress = progress
    }

    deinit {
        upload?.abort()
    }

    /// Saves the checkpoint's last completions (it saves at most once a second while files complete).
    func flushCheckpoint() {
        do {
            try checkpoint.flush()
        } catch {
            onWarning("warning: \(error)")
        }
    }

    /// Drops the file in flight, if any (the run stopped before its end):
    /// its temporary file or multipart upload goes, nothing appears.
    func abandon() {
        upload?.abort()
        upload = nil
        writer = nil
    }

    func write(_ task: Pipeline.Task, _ rowGroup: EncodedRowGroup?) throws {
        // Row groups of a file that already failed may still arrive (made
        // before the failure was known): they are dropped.
        guard let rowGroup, task.isFirstOfFile || writer != nil else { return }
        let key = plan.key(task.fileIndex)
        let start = Clock.nanoseconds()
        defer { writeNanoseconds &+= Clock.nanoseconds() &- start }
        do {
            if task.isFirstOfFile {
                let opened = try store.create(key: key)
                upload = opened
                writer = try ParquetFileWriter(schema: schema, options: options,
                                               keyValueMetadata: metadata(task.fileID), sink: opened)
            }
            guard let writer, let upload else { return }
            try writer.append(rowGroup)
            progress.wroteRowGroup(rows: rowGroup.rowCount, bytes: rowGroup.byteCount)
            if task.isLastOfFile {
                let file = try writer.close()
                try upload.commit()
                self.upload = nil
                self.writer = nil
                files.append(.init(key: key, fileID: task.fileID, rows: file.rows, bytes: file.bytes))
                progress.committedFile()
                guard plan.isPlanned(task.fileIndex) else {
                    filesPastPlan += 1
                    return
                }
                do {
                    try checkpoint.markCompleted(task.fileIndex)
                } catch {
                    // The file is complete and stays; only the record of it is late.
                    onWarning("warning: \(error)")
                }
            }
        } catch {
            upload?.abort()
            upload = nil
            writer = nil
            errors.append("\(key): \(error)")
            onFileFailed(task.fileIndex, "error: \(key): \(error)")
        }
    }
}
