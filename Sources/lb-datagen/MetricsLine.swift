import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import LBHost

/// The line Lakebench's newer Job reads from the generator's stderr at the
/// end of a run: `LB_METRICS_JSON {...}` (spec/cli.md lists the fields).
enum MetricsLine {
    static func text(_ s: RunSummary, resolved: ResolvedArguments, plan: RunPlan, prefix: String) -> String {
        func number(_ parameter: String) -> JSONValue {
            guard let value = s.parameters[parameter], let parsed = Double(value) else { return .null }
            return .double(parsed)
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        let fields: [String: JSONValue] = [
            "schema": .string(s.domain),
            "node_id": .int(s.nodeID),
            "node_count": .int(s.totalNodes),
            "cores_used": .int(s.workers),
            "bucket": resolved.output.bucket.map(JSONValue.string) ?? .null,
            "prefix": .string(prefix),
            "target_tb": resolved.request.targetBytes.map { .double($0 / pow(1024, 4)) } ?? .null,
            "customer_id_max": number("customer_id_max"),
            "dirty_ratio": number("dirty_ratio"),
            "file_size_mb": .double(resolved.request.fileBytes / 1_048_576),
            "rows_per_file": .int(s.rowsPerFile),
            "total_files": .int(plan.totalFiles),
            "files_written": .int(s.filesWritten),
            "bytes_written": .int(s.bytesWritten),
            "rows_written": .int(s.rowsWritten),
            "elapsed_s": .double(rounded(s.elapsedSeconds)),
            "gen_s": .double(rounded(s.fillSeconds)),
            "encode_parquet_s": .double(rounded(s.encodeSeconds + s.compressSeconds)),
            "s3_put_s": .double(rounded(s.writeSeconds)),
            "throughput_mbps": .double(rounded(Double(s.bytesWritten) / 1_048_576 / max(s.elapsedSeconds, 1e-9))),
            "cpu_seconds": .double(rounded(cpu)),
        ]
        return "LB_METRICS_JSON " + JSONValue.object(fields).canonical
    }

    private static func rounded(_ value: Double) -> Double {
        (value * 1000).rounded() / 1000
    }
}
