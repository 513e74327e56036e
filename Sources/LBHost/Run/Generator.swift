import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBParquet
import LBSync

/// A run from start to summary. Everything that can be wrong with the input
/// is found in `prepare`, before any data is written.
public final class Generator {
    public let request: GenerateRequest
    public let domain: DomainInstance
    public let store: ObjectStore
    public let plan: RunPlan
    let options: WriterOptions
    let stringBytesPerRow: [Int]

    /// Asked to stop from outside (a signal); the deadline of a continuous run stops it too.
    public let stopRequest: StopRequest
    /// Live counts for a progress line.
    public let progress = RunProgress()
    /// Monotonic nanoseconds when the run began (before sizing): a duration counts from here.
    let started: UInt64

    /// Opens the domain, checks the store (unless only reading it: `preflight` false) and sizes the files.
    public init(request: GenerateRequest, catalog: DomainCatalog, pluginsDirectory: String, store: ObjectStore,
                preflight: Bool = true, stop: StopRequest = StopRequest()) throws {
        started = Clock.nanoseconds()
        stopRequest = stop
        let info = try catalog.domain(named: request.domain, directory: pluginsDirectory)
        domain = try DomainInstance(info: info, overrides: request.parameters, seed: request.seed)
        options = WriterOptions(compression: request.compression, createdBy: Version.createdBy,
                                storeIncompressible: request.storeIncompressible)
        if preflight { try store.preflight() }
        // Sized as with every chunk compressed: storing some as they are
        // changes the codec of chunks, never which rows a file holds.
        var sizingOptions = options
        sizingOptions.storeIncompressible = false
        let (layout, stringBytes) = try Sizing.measure(
            domain: domain, options: sizingOptions, fileBytes: request.fileBytes, rowGroupBytes: request.rowGroupBytes)
        try PlanLimits.checkFileSize(layout: layout, fileBytes: request.fileBytes, domain: info.name)
        let totalFiles = try PlanLimits.fileCount(size: request.size, fileBytes: request.fileBytes, rowsPerFile: layout.rowsPerFile)
        try PlanLimits.checkRowIDs(totalFiles: totalFiles, cycle: request.cycle, rowsPerFile: layout.rowsPerFile)
        var totalRows: Int? = nil
        if case .rows(let rows) = request.size { totalRows = rows }
        plan = RunPlan(
            layout: layout, totalFiles: totalFiles, totalRows: totalRows, nodeID: request.nodeID,
            totalNodes: request.totalNodes, cycle: request.cycle,
            keyPrefix: RunPlan.normalizedPrefix([request.keyRoot, request.prefix ?? info.defaultPrefix]),
            continues: request.continues)
        self.request = request
        self.store = store
        stringBytesPerRow = stringBytes
    }

    /// Metadata every file carries, so it says how to make it again.
    func keyValueMetadata(fileID: UInt64) -> [(key: String, value: String)] {
        let parameters = domain.parameters.map { "\(jsonString($0.name)): \(jsonString($0.value))" }.joined(separator: ", ")
        return [
            ("lb_datagen.version", Version.current),
            ("lb_datagen.domain", domain.info.name),
            ("lb_datagen.domain_version", domain.info.version),
            ("lb_datagen.seed", String(request.seed)),
            ("lb_datagen.parameters", "{\(parameters)}"),
            ("lb_datagen.file_id", String(fileID)),
            ("lb_datagen.rows_per_file", String(plan.layout.rowsPerFile)),
            ("lb_datagen.rows_per_row_group", String(plan.layout.rowsPerRowGroup)),
            ("lb_datagen.rows_per_batch", String(plan.layout.rowsPerBatch)),
            ("lb_datagen.compression", request.codecDescription),
        ]
    }

    /// Checks files in the store against this run's plan and metadata.
    public var checker: ObjectChecker {
        let metadata = keyValueMetadata(fileID: 0)
        let plan = plan
        return ObjectChecker(store: store, plan: plan) { index in
            metadata.map { $0.key == "lb_datagen.file_id" ? ($0.key, String(plan.fileID(index))) : $0 }
        }
    }

    /// Makes this node's files. `log` gets one line per notable event.
    public func run(log: @escaping (String) -> Void = { _ in }) throws -> RunSummary {
        let runStarted = Clock.nanoseconds()
        let cpuStarted = Clock.processCPUSeconds()
        // Everything that shapes this node's files: a checkpoint of any other run is refused.
        let run = [
            "location": store.location, "prefix": plan.keyPrefix, "domain": domain.info.name,
            "domain_version": domain.info.version, "seed": String(request.seed),
            "parameters": domain.parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ";"),
            "compression": request.codecDescription, "cycle": String(plan.cycle),
            "rows_per_file": String(plan.layout.rowsPerFile), "rows_per_row_group": String(plan.layout.rowsPerRowGroup),
            "node": "\(plan.nodeID)/\(plan.totalNodes)",
        ]
        var done = Set<Int>()
        if request.resume {
            // Another run's checkpoint is refused; this run's is no proof:
            // every file counts as done only once checked. A continuous
            // plan's new files already in the store are checked too.
            if let path = request.checkpointPath { _ = try Checkpoint.load(path: path, run: run) }
            var candidates = Array(plan.nodeFiles)
            if plan.continues {
                candidates += try store.list(prefix: plan.keyPrefix).compactMap(plan.fileIndex(ofKey:))
                    .filter { !plan.isPlanned($0) && plan.isThisNodes($0) }
            }
            done = try checker.doneFiles(candidates, log: log)
            let removed = try store.removeLeftovers(prefix: plan.keyPrefix) { [plan] key in
                plan.fileIndex(ofKey: key).map(plan.isThisNodes) ?? false
            }
            if removed > 0 { log("removed \(removed) unfinished object(s) left by an earlier run") }
        }
        var checkpoint = Checkpoint(path: request.checkpointPath, run: run, completed: done.filter(plan.isPlanned))
        // Written now, before any data, so an unwritable checkpoint is one error up front.
        try checkpoint.save()
        let files = plan.files(skipping: done)
        let alreadyDone = plan.nodeFiles.reduce(0) { $0 + (done.contains($1) ? 1 : 0) }
        progress.plan(filesToMake: plan.continues ? nil : plan.nodeFileCount - alreadyDone)

        let workers = max(1, min(request.workers, plan.plannedRowGroups(of: files) ?? request.workers))
        // Page blocks cycle from a written row group to the next: a row
        // group per worker, and what an upload still holds (S3 parts send
        // the blocks themselves).
        let pool = PageBufferPool(columnCount: domain.info.columns.count, rowGroupsAtOnce: workers,
                                  rowGroupBytes: request.rowGroupBytes, heldBytes: store.bytesHeldPerUpload)
        let producers = (0..<workers).map { _ in
            RowGroupProducer(domain: domain, layout: plan.layout, options: options,
                             stringBytesPerRow: stringBytesPerRow, pool: pool)
        }
        // Counted from the start of preparing (sizing included), as the command line's clock.
        let deadline = request.continues ? started &+ UInt64(request.duration! * 1e9) : nil
        let pipeline = Pipeline(tasks: TaskStream(plan: plan, files: files), stop: stopRequest, deadline: deadline)
        let assembler = FileAssembler(
            store: store, plan: plan, schema: domain.schema, options: options, checkpoint: checkpoint, progress: progress,
            metadata: { [self] in keyValueMetadata(fileID: $0) },
            onFileFailed: { index, message in
                pipeline.skipFile(index)
                log(message)
            },
            onWarning: log)
        defer { assembler.flushCheckpoint() }
        let stopReason = try pipeline.run(producers: producers) { task, rowGroup in
            try assembler.write(task, rowGroup)
        }
        // A file begun but not finished (a stop) goes: no temporary file, no open upload.
        assembler.abandon()

        let seconds = { (nanoseconds: UInt64) in Double(nanoseconds) / 1e9 }
        var summary = RunSummary(
            domain: domain.info.name, domainVersion: domain.info.version, seed: request.seed,
            parameters: Dictionary(domain.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }), nodeID: plan.nodeID,
            totalNodes: plan.totalNodes, workers: workers, location: store.location, mode: request.mode.rawValue,
            plannedFiles: plan.totalFiles, nodeFiles: plan.nodeFileCount,
            filesWritten: assembler.files.count, filesAlreadyDone: alreadyDone,
            filesPastPlan: assembler.filesPastPlan,
            stopReason: stopReason?.description,
            plannedFilesLeft: plan.nodeFileCount - alreadyDone - (assembler.files.count - assembler.filesPastPlan),
            completionMarker: nil,
            rowsWritten: assembler.files.reduce(0) { $0 + $1.rows }, bytesWritten: assembler.files.reduce(0) { $0 + $1.bytes },
            errors: assembler.errors, rowsPerFile: plan.layout.rowsPerFile, rowsPerRowGroup: plan.layout.rowsPerRowGroup,
            elapsedSeconds: seconds(Clock.nanoseconds() - runStarted),
            cpuSeconds: Clock.processCPUSeconds() - cpuStarted,
            fillSeconds: seconds(producers.reduce(0) { $0 + $1.fillNanoseconds }),
            encodeSeconds: seconds(producers.reduce(0) { $0 + $1.encoderTimings.encodeNanoseconds }),
            compressSeconds: seconds(producers.reduce(0) { $0 + $1.encoderTimings.compressNanoseconds }),
            uncompressedBytes: producers.reduce(0) { $0 + $1.uncompressedBytes },
            writeSeconds: seconds(assembler.writeNanoseconds),
            files: assembler.files)
        if let transfer = store.transferSeconds {
            summary.transferSeconds = transfer.wall
            summary.transferCPUSeconds = transfer.cpu
        }
        // Written last, and only when this node finished its share.
        if summary.errors.isEmpty, summary.plannedFilesLeft == 0, stopReason == nil || stopReason == .deadline {
            let marker = CompletionMarker(generator: self, summary: summary, completed: Date())
            do {
                try writeObject(key: marker.key, Array(marker.json.utf8))
            } catch {
                throw HostError("cannot write the completion marker \(marker.key): \(error)")
            }
            summary.completionMarker = marker.key
        }
        return summary
    }

    private func writeObject(key: String, _ bytes: [UInt8]) throws {
        let upload = try store.create(key: key)
        do {
            try bytes.withUnsafeBytes { try upload.write($0) }
            try upload.commit()
        } catch {
            upload.abort()
            throw error
        }
    }
}
