import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// Checks the files a run with the same flags makes: each planned file of
/// this node (or of every node) must be a whole Parquet file with the
/// planned row count and this run's `lb_datagen.*` metadata, and a node's
/// completion marker, where there is one, must agree with the plan and the
/// files. One line per problem on stdout, naming the file or marker;
/// non-zero exit if there is any.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that a run's files are there, whole and made by that run (takes the run's flags).")

    @OptionGroup var arguments: Generate
    @Flag(name: .customLong("all-nodes"), help: "Check every node's files, not only this node's.") var allNodes = false

    func run() throws {
        let resolved = try arguments.resolve()
        guard resolved.output.keepsFiles else {
            throw UsageError("verify has nothing to check: --output /dev/null keeps no files")
        }
        let catalog = try arguments.plugins.loadCatalog()
        do {
            _ = try catalog.domain(named: resolved.request.domain, directory: arguments.plugins.resolvedDirectory)
        } catch {
            throw UsageError("\(error)")
        }
        let store = try resolved.output.makeStore(
            deliveryMode: nil, fileBytes: resolved.request.fileBytes,
            environment: arguments.s3.environment(ProcessInfo.processInfo.environment))
        let generator = try Generator(request: resolved.request, catalog: catalog,
                                      pluginsDirectory: arguments.plugins.resolvedDirectory, store: store, preflight: false)
        let plan = generator.plan
        let files = allNodes ? Array(0..<plan.totalFiles) : Array(plan.nodeFiles)
        let checker = generator.checker
        var problems = 0
        var notWhole: [Int: Int] = [:]  // by node
        for index in files {
            let problem: String
            switch checker.check(index) {
            case .done: continue
            case .missing: problem = "missing"
            case .incomplete(let why): problem = "not a whole Parquet file: \(why)"
            case .foreign(let why): problem = "made by another run: \(why)"
            }
            problems += 1
            notWhole[index % plan.totalNodes, default: 0] += 1
            print("\(store.location)/\(plan.key(index)): \(problem)")
        }
        let fileProblems = problems
        // A node's completion marker, where there is one, must agree with the plan and its files.
        let markers = MarkerChecker(generator: generator)
        let nodes = allNodes ? Array(0..<plan.totalNodes) : [plan.nodeID]
        for node in nodes {
            guard let problem = markers.problem(node: node, notWhole: notWhole[node] ?? 0) else { continue }
            problems += 1
            print("\(store.location)/\(markers.key(node: node)): \(problem)")
        }
        let scope = allNodes ? "all \(plan.totalNodes) node(s)" : "node \(plan.nodeID) of \(plan.totalNodes)"
        print("verified \(files.count) planned file(s) of \(scope): \(files.count - fileProblems) whole, \(problems) problem(s)")
        if problems > 0 { throw HostError("\(problems) problem(s) found") }
    }
}
