import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost
import LBParquet

/// Generates a domain's files: the reference generator's flags and
/// environment, plus this project's own.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Generate Parquet files (the default command).")

    // How much.
    @Option(name: .customLong("target-tb"), help: "Total data for all nodes, TiB.") var targetTB: Double?
    @Option(name: .customLong("target-gb"), help: "Total data for all nodes, GiB.") var targetGB: Double?
    @Option(help: "Lakebench scale: 1 unit = 10 GiB.") var scale: Double?
    @Option(help: "Total rows for all nodes (the last file holds the remainder).") var rows: Int?
    @Option(name: .customLong("file-size-mb"), help: "Target Parquet file size, MiB.") var fileSizeMB: Double = 512
    @Option(name: .customLong("row-group-mb"), help: "Target row group size, MiB.") var rowGroupMB: Double = 64

    // What.
    @Option(name: [.customLong("domain"), .customLong("schema")], help: "Data domain (default: env LB_DOMAIN, else customer360).") var domainFlag: String?
    var domain: String { domainFlag ?? Environment.value("LB_DOMAIN") ?? "customer360" }
    @Option(help: "Run seed.") var seed: UInt64 = 42
    @Option(name: .customLong("param"), help: "Domain parameter name=value (repeatable).") var params: [String] = []
    @Option(name: .customLong("payload-kb"), help: "customer360 payload_kb.") var payloadKB: String?
    @Option(name: .customLong("dirty-ratio"), help: "customer360 dirty_ratio.") var dirtyRatio: String?
    @Option(name: .customLong("timestamp-start"), help: "First event day, YYYY-MM-DD.") var timestampStart: String?
    @Option(name: .customLong("timestamp-end"), help: "Day after the last event, YYYY-MM-DD.") var timestampEnd: String?
    @Option(name: .customLong("customer-id-max"), help: "customer360 customer_id_max.") var customerIDMax: String?

    // Where.
    @Option(help: "S3 bucket (with local output: the first folder under --output).") var bucket: String?
    @Option(help: "Key prefix (default: the domain's).") var prefix: String?
    @Option(help: "Output: a local folder, a file:// URL or s3://bucket/prefix (env DG_LOCAL_DIR).") var output: String?
    @Option(help: "snappy, zstd, zstdN (N = 1...22), lz4 (LZ4_RAW) or none (env DG_COMPRESSION).") var compression: String?
    @Flag(name: .customLong("store-incompressible"), help: "Store a column chunk uncompressed when its first page is PLAIN and the codec does not shrink it by an eighth (env DG_STORE_INCOMPRESSIBLE=true).") var storeIncompressible = false
    @OptionGroup var plugins: PluginOptions
    @OptionGroup var s3: S3Options

    // How.
    @Option(name: [.customLong("workers"), .customLong("threads")], help: "Parallel generators; 0 = the CPUs this process may use.") var workers = 4
    @Option(name: .customLong("node-id"), help: "This node's index (default: $JOB_COMPLETION_INDEX or 0).") var nodeID: Int?
    @Option(name: .customLong("total-nodes"), help: "Node count; file N belongs to node N % total.") var totalNodes = 1
    @Option(help: "batch, sequential, continuous or all: each makes every planned file; continuous with --duration then makes new ones.") var mode = "batch"
    @Option(name: .customLong("delivery-mode"), help: "S3 uploads: batch (one PUT per finished file) or continuous (5 MiB parts while generating).") var deliveryMode: String?
    @Option(help: "Continuous mode: after the planned files, keep making new ones until this many seconds after the start.") var duration: Double?
    @Option(help: "Cycle of a multi-cycle corpus.") var cycle = 0
    @Option(help: "Cycles of the corpus.") var cycles = 1
    @Flag(help: "Skip files already done (checkpoint and existing objects).") var resume = false
    @Option(help: "Checkpoint file.") var checkpoint = ".datagen_checkpoint.json"
    @Option(name: .customLong("progress-interval"), help: "Seconds between progress lines when stderr is not a terminal.") var progressInterval: Double = 10
    @Flag(help: "No progress on stderr.") var quiet = false
    @Option(name: .customLong("summary-json"), help: "Write the run summary as JSON to this file ('-' for stdout).") var summaryJSON: String?
    @Flag(name: .customLong("print-resolved-args"), help: "Print the resolved arguments as JSON and exit.") var printResolvedArgs = false

    func run() throws {
        var resolved = try resolve()
        if let summaryJSON { try SummaryText.checkWritable(summaryJSON) }
        guard progressInterval.isFinite, progressInterval > 0 else {
            throw UsageError("--progress-interval must be a positive number of seconds, got \(progressInterval)")
        }
        if printResolvedArgs {
            print(resolved.canonicalJSON)
            return
        }
        // From here a signal stops the run cleanly rather than the process at once.
        let stop = StopRequest()
        SignalWatcher.watch(stop)
        var catalog = try plugins.loadCatalog()
        let info = try plugins.selectDomain(domainFlag, fallback: domain, in: &catalog)
        resolved.request.domain = info.name
        if let warning = resolved.droppingShorthands(undeclaredBy: info) { Console.error("warning: \(warning)") }
        let store = try resolved.output.makeStore(deliveryMode: resolved.request.deliveryMode, fileBytes: resolved.request.fileBytes,
                                                  environment: s3.environment(ProcessInfo.processInfo.environment))
        let started = Date()  // a duration counts from here, as the generator's own clock does
        let generator = try Generator(request: resolved.request, catalog: catalog,
                                      pluginsDirectory: plugins.resolvedDirectory, store: store, stop: stop)
        let reporter = quiet ? nil : ProgressReporter(
            progress: generator.progress, interval: progressInterval, fileBytes: resolved.request.fileBytes,
            duration: resolved.request.continues ? resolved.request.duration : nil, started: started)
        reporter?.start()
        let summary: RunSummary
        do {
            defer { reporter?.finish() }
            summary = try generator.run { Console.error($0) }
        }
        // With the JSON summary on stdout, stdout holds that alone.
        let text = SummaryText.lines(summary)
        if summaryJSON == "-" { Console.plain(text) } else { print(text) }
        if let summaryJSON { try SummaryText.writeJSON(summary, to: summaryJSON) }
        if case .signal(let number)? = stop.reason {
            // Interrupted: no completion marker; one line says what happened and how to go on.
            Console.error(SummaryText.interrupted(summary, by: .signal(number), plan: generator.plan))
            Glibc.exit(128 + number)
        }
        if !summary.errors.isEmpty {
            throw HostError("\(summary.errors.count) file(s) failed; rerun with --resume to finish them")
        }
        if summary.plannedFilesLeft > 0 {
            Console.error("warning: the duration ended before this node's planned files did: \(summary.plannedFilesLeft) left; --resume makes them")
        }
        // The last line: the figures Lakebench's newer Job reads.
        let prefix = RunPlan.normalizedPrefix([resolved.request.prefix ?? generator.domain.info.defaultPrefix])
        Console.plain(MetricsLine.text(summary, resolved: resolved, plan: generator.plan, prefix: prefix))
    }
}
