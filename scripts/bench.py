"""lb-datagen benchmark: throughput per core, memory, scaling, and the floor.

Run by `make bench` (release build). For customer360 at payload_kb 2 and 0
and each codec it runs one worker and prints rows/s and MB/s per core (rows
or bytes per CPU-second of the whole process, startup and sizing included),
peak RSS, and where the worker's time went: filling (the plugin), encoding,
compressing, writing. The floor is the unavoidable work on the same bytes:
the codec alone on the very page bytes (timed inside the encoder) plus one
memcpy-like pass over them (bandwidth measured here by a small C probe);
"overhead" is fill + encode + compress over that floor. Then: two workers
against one (scaling), and peak RSS of two workers writing 512 MiB files.

Files go to tmpfs (/dev/shm) when it exists, so that the figures are the
generator's and not the disk's; BENCH_DIR=./bench-out measures with the
disk. Even tmpfs is noisy on these VMs (a write costs 1.5 to 8 µs a row
depending on how the host backs fresh pages), so the table keeps the best
of two runs after a warm-up, and scaling is measured on the generator alone
(`--output /dev/null`: every file made in full, none kept), with the same
through tmpfs printed beside it.

The iot and clickstream domains are measured the same way (one worker,
snappy, best of two): rows per CPU-second of the whole process. So is
Customer360 written as a spec (Plugins/Specs/customer360.yaml) at payload
0, against the compiled plugin in the same conditions.

Part "incompressible": the generator alone at payload 2, with and without
--store-incompressible (rows per CPU-second, best of three each).

Through S3 (part "s3"), against a SeaweedFS started on loopback as the
tests start it: customer360 with one worker at payload 2 and 0, the
generator's own CPU through S3 against the same run into tmpfs (the target
is at most 1.15x), the two alternated over BENCH_S3_ROUNDS rounds (default
3; the median of each compared, the best against the best printed too,
since both vary by a tenth from run to run here), wall-clock MB/s to the
server with one and two workers, peak RSS of two workers writing 512 MiB
files, and where the extra CPU goes: hashing the bodies (estimated from
OpenSSL's speed on this machine for the digests the integrity mode
computes) and the rest (libcurl's copy of each body, the CRC, signing).
Then where the time goes, for 1 and 2 workers over HTTP and HTTPS: wall
MB/s, user and kernel CPU, the user CPU split by callgrind's instruction
shares (generating and encoding, snappy, the CRC, libcurl, OpenSSL), and
from the run's own timers the part uploads' time blocked in libcurl and
the workers' time waiting on the upload (BENCH_S3_CALLGRIND_GB: data of the
callgrind runs, default 0.125; without valgrind the split is left out).

Environment: LB_BUILD_DIR (default .build/release), BENCH_GB (data per
run, default 1), BENCH_S3_ROUNDS, BENCH_DIR (scratch folder), BENCH_PARTS (default
"customer360,scaling,domains,spec,incompressible,s3": the parts to run).
"""
import json
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
BINARY = (REPO / os.environ.get("LB_BUILD_DIR", ".build/release") / "lb-datagen").resolve()
SCRATCH = pathlib.Path(os.environ.get(
    "BENCH_DIR", "/dev/shm/lb-datagen-bench" if os.path.isdir("/dev/shm") else REPO / "bench-out")).resolve()
GB = float(os.environ.get("BENCH_GB", "1"))
PARTS = set(os.environ.get("BENCH_PARTS", "customer360,scaling,domains,spec,incompressible,s3").split(","))
PYTHON_REFERENCE = {0: 17_200, 2: 11_800}  # rows per CPU-second, anchors.md

MEMCPY_PROBE = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(void) {
    size_t n = 64u << 20; char *a = malloc(n), *b = malloc(n);
    memset(a, 1, n); memset(b, 2, n);
    struct timespec s, e; clock_gettime(CLOCK_MONOTONIC, &s);
    for (int i = 0; i < 16; i++) { memcpy(b, a, n); a[i] = b[n - 1 - i]; }
    clock_gettime(CLOCK_MONOTONIC, &e);
    double seconds = (e.tv_sec - s.tv_sec) + (e.tv_nsec - s.tv_nsec) / 1e9;
    printf("%f\n", 16.0 * n / seconds);
    return b[7] == 42;
}
"""


def memcpy_bandwidth():
    source, probe = SCRATCH / "memcpy_probe.c", SCRATCH / "memcpy_probe"
    source.write_text(MEMCPY_PROBE)
    subprocess.run(["cc", "-O2", "-o", str(probe), str(source)], check=True)
    return max(float(subprocess.run([str(probe)], capture_output=True, text=True, check=True).stdout) for _ in range(3))


def run(args, output=None, env=None, usage_out=None, wrapper=()):
    """Runs lb-datagen (into a fresh folder, or `output`; with `env`, to the
    S3 server it names); returns (summary, cpu seconds, peak RSS bytes, wall).
    `usage_out` (a dict) receives the user and system CPU seconds apart;
    `wrapper` is a command line to run it under (valgrind)."""
    out = SCRATCH / "out"
    shutil.rmtree(out, ignore_errors=True)
    summary_path = SCRATCH / "summary.json"
    destination = [] if env else ["--output", str(output or out)]
    command = [*wrapper, str(wrapper and CALLGRIND_BINARY or BINARY), *map(str, args), *destination, "--summary-json", str(summary_path)]
    # Each run in its own process tree, measured with wait4 so rusage is that run's alone.
    start = time.time()
    process = subprocess.Popen(command, cwd=SCRATCH, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.time() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(command)} failed:\n{process.stderr.read().decode()}")
    summary = json.loads(summary_path.read_text())
    shutil.rmtree(out, ignore_errors=True)
    if usage_out is not None:
        usage_out.update(user=usage.ru_utime, system=usage.ru_stime)
    return summary, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, wall


def best_of(count, args, output=None, by=lambda r: r[1]):
    """The best of `count` runs: least CPU time, unless `by` says otherwise."""
    return min((run(args, output) for _ in range(count)), key=by)


def main():
    if not BINARY.exists():
        sys.exit(f"bench: {BINARY} is missing; run `make build`")
    SCRATCH.mkdir(parents=True, exist_ok=True)
    print(f"lb-datagen benchmark: {GB:g} GiB per run into {SCRATCH}, {os.cpu_count()} CPUs,"
          f" memcpy {memcpy_bandwidth() / 1e9:.1f} GB/s")
    print()
    results, scaling, rss_big, domains, spec = [], {}, None, {}, {}
    if "customer360" in PARTS:
        results = customer360()
    if "scaling" in PARTS:
        scaling, rss_big = scaling_and_memory()
    if "domains" in PARTS:
        domains = domain_speed()
    if "spec" in PARTS:
        spec = spec_speed()
    incompressible = incompressible_speed() if "incompressible" in PARTS else {}
    s3 = s3_speed() if "s3" in PARTS else {}
    shutil.rmtree(SCRATCH / "out", ignore_errors=True)
    (SCRATCH / "bench.json").write_text(json.dumps(dict(results=results, scaling=scaling,
                                                        peak_rss_two_workers_512=rss_big, domains=domains,
                                                        spec=spec, incompressible=incompressible, s3=s3),
                                                   indent=2))


def customer360():
    header = (f"{'payload':>7} {'codec':>6} {'rows/s/core':>12} {'MB/s/core':>10} {'vs Python':>9} {'peak RSS':>9}"
              f" {'fill':>6} {'encode':>6} {'compr.':>6} {'write':>6} {'floor':>6} {'overhead':>8} {'enc MB/s':>8}")
    print(header)
    print("-" * len(header))
    bandwidth = memcpy_bandwidth()
    results = []
    run(["--target-gb", GB, "--file-size-mb", 512, "--payload-kb", 2, "--workers", 1])  # warm-up
    for payload in (2, 0):
        for codec in ("snappy", "zstd", "none"):
            s, cpu, rss, _ = best_of(2, ["--target-gb", GB, "--file-size-mb", 512, "--payload-kb", payload,
                                         "--compression", codec, "--workers", 1])
            rows, size = s["rows_written"], s["bytes_written"]
            per_row = lambda seconds: seconds / rows * 1e6  # µs a row
            floor = s["compress_seconds"] + s["uncompressed_bytes"] / bandwidth
            generator = s["fill_seconds"] + s["encode_seconds"] + s["compress_seconds"]
            results.append(dict(payload=payload, codec=codec, rows_per_cpu_second=rows / cpu,
                                mb_per_cpu_second=size / 1e6 / cpu, peak_rss=rss, overhead=generator / floor,
                                encode_mb_per_second=s["uncompressed_bytes"] / 1e6 / (s["encode_seconds"] + s["compress_seconds"])))
            print(f"{payload:>7} {codec:>6} {rows / cpu:>12,.0f} {size / 1e6 / cpu:>10.1f}"
                  f" {rows / cpu / PYTHON_REFERENCE[payload]:>8.1f}x {rss / 2**20:>7.0f}Mi"
                  f" {per_row(s['fill_seconds']):>6.2f} {per_row(s['encode_seconds']):>6.2f}"
                  f" {per_row(s['compress_seconds']):>6.2f} {per_row(s['write_seconds']):>6.2f}"
                  f" {per_row(floor):>6.2f} {generator / floor:>7.2f}x"
                  f" {s['uncompressed_bytes'] / 1e6 / (s['encode_seconds'] + s['compress_seconds']):>8.0f}")
    print("(fill, encode, compress, write, floor: µs per row of one worker; overhead = (fill + encode + compress) / floor;\n"
          " enc MB/s: the Parquet writer's throughput, page bytes encoded and compressed per second of one core)")
    print()
    return results


def scaling_and_memory():

    # Wall time is what scaling is about, and other load disturbs it: best of
    # three runs each, on the generator alone and through tmpfs. Start-up
    # (loading, sizing: ~35 ms on one thread) and the last row group (one
    # worker finishing alone) do not scale; runs of 16 × BENCH_GB on the
    # generator alone (about 3 s with two workers) keep them near 1%, as
    # in a real run. Through tmpfs the files sit in memory: 4 × BENCH_GB.
    def best_wall(workers, output, gb):
        summary, _, _, wall = best_of(3, ["--target-gb", gb, "--file-size-mb", 256, "--payload-kb", 2,
                                          "--workers", workers], output, by=lambda r: r[3])
        return summary["rows_written"], wall
    scaling = {}
    for name, output, gb in (("generator alone, --output /dev/null", "/dev/null", 16 * GB), ("through tmpfs", None, 4 * GB)):
        rows_one, wall_one = best_wall(1, output, gb)
        rows_two, wall_two = best_wall(2, output, gb)
        scaling[name] = wall_one / wall_two
        print(f"scaling (payload 2, snappy, {gb:g} GiB, best of 3, {name}): 1 worker {rows_one / wall_one:,.0f} rows/s,"
              f" 2 workers {rows_two / wall_two:,.0f} rows/s = {wall_one / wall_two:.2f}x")
    big, _, rss_big, _ = run(["--target-gb", 1, "--file-size-mb", 512, "--payload-kb", 2, "--workers", 2])
    print(f"memory: 2 workers writing 512 MiB files ({big['rows_per_row_group']} rows a row group):"
          f" peak RSS {rss_big / 2**20:.0f} MiB")
    return scaling, rss_big


def domain_speed():
    """iot and clickstream: rows per CPU-second of one worker, snappy, best of two."""
    speeds = {}
    for domain in ("iot", "clickstream"):
        args = ["--domain", domain, "--target-gb", GB, "--file-size-mb", 256, "--workers", 1]
        s, cpu, rss, _ = best_of(2, args)
        speeds[domain] = s["rows_written"] / cpu
        print(f"{domain}: {s['rows_written'] / cpu:,.0f} rows/s/core ({s['rows_written']:,} rows, {GB:g} GiB, one worker,"
              f" snappy, best of 2; fill {s['fill_seconds'] / s['rows_written'] * 1e6:.2f} µs a row), peak RSS {rss / 2**20:.0f} MiB")
    return speeds


def spec_speed():
    """Customer360 as a spec against the compiled plugin: rows per CPU-second
    of one worker at payload 0, snappy, best of two each."""
    speeds = {}
    for domain in ("customer360", "customer360_spec"):
        args = ["--domain", domain, "--target-gb", GB, "--file-size-mb", 256, "--payload-kb", 0, "--workers", 1]
        s, cpu, _, _ = best_of(2, args)
        speeds[domain] = s["rows_written"] / cpu
        print(f"{domain} (payload 0): {speeds[domain]:,.0f} rows/s/core (fill {s['fill_seconds'] / s['rows_written'] * 1e6:.2f} µs a row)")
    speeds["ratio"] = speeds["customer360_spec"] / speeds["customer360"]
    print(f"spec / compiled: {speeds['ratio']:.2f}x")
    return speeds


def incompressible_speed():
    """The generator alone (--output /dev/null) at payload 2, one worker,
    snappy, with and without --store-incompressible: rows per CPU-second,
    best of three each, alternating so that load changes hit both alike."""
    args = ["--target-gb", GB, "--file-size-mb", 512, "--payload-kb", 2, "--workers", 1]
    best = {}
    for _ in range(3):
        for name, extra in (("off", []), ("on", ["--store-incompressible"])):
            s, cpu, _, _ = run([*args, *extra], "/dev/null")
            best[name] = max(best.get(name, 0), s["rows_written"] / cpu)
    best["ratio"] = best["on"] / best["off"]
    print(f"--store-incompressible (payload 2, snappy, generator alone, best of 3): {best['off']:,.0f} rows/s/core off,"
          f" {best['on']:,.0f} on = {best['ratio']:.2f}x")
    print()
    return best


def digest_seconds_per_byte(names):
    """CPU seconds a byte costs to hash with each of `names` (OpenSSL through
    hashlib, as the S3 client's own digests), best of three over 64 MiB."""
    import hashlib
    data = os.urandom(64 << 20)
    cost = 0.0
    for name in names:
        best = min(_timed(lambda: hashlib.new(name, data).digest()) for _ in range(3))
        cost += best / len(data)
    return cost


def _timed(f):
    start = time.process_time()
    f()
    return time.process_time() - start


def s3_speed():
    """customer360 through S3 to a SeaweedFS on loopback (see the docstring)."""
    sys.path[:0] = [str(REPO / "IntegrationTests"), str(REPO / "IntegrationTests" / "s3")]
    from s3_support import SeaweedFS
    report = {}

    def through_s3(args, prefix):
        # A fresh server each time: SeaweedFS keeps deleted objects' space
        # until a vacuum, and the test server's volumes hold a few GiB.
        server = SeaweedFS()
        try:
            bucket = server.create_bucket("lb-bench")
            return run([*args, "--bucket", bucket, "--prefix", prefix], env=server.env(**S3_SETTINGS))
        finally:
            server.stop()

    hashing = digest_seconds_per_byte(S3_DIGESTS)
    print(f"S3 to SeaweedFS on loopback (customer360, snappy, {GB:g} GiB, 512 MiB files;"
          f" settings {S3_SETTINGS or 'default'}; {S3_ROUNDS} rounds, local and S3 alternated):")
    for payload in (2, 0):
        args = ["--target-gb", GB, "--file-size-mb", 512, "--payload-kb", payload, "--workers", 1]
        locals_, remotes = [], []
        for _ in range(S3_ROUNDS):
            locals_.append(run(args))
            remotes.append(through_s3(args, f"p{payload}"))
        local_cpus = sorted(r[1] for r in locals_)
        cpus = sorted(r[1] for r in remotes)
        local_cpu, cpu = statistics.median(local_cpus), statistics.median(cpus)
        remote, _, rss, wall = min(remotes, key=lambda r: r[1])
        rows, size = remote["rows_written"], remote["bytes_written"]
        extra = cpu - local_cpu
        hashed = hashing * size
        report[f"payload_{payload}"] = dict(
            cpu_over_local=cpu / local_cpu, best_cpu_over_best_local=cpus[0] / local_cpus[0],
            cpu_seconds=cpus, local_cpu_seconds=local_cpus, rows_per_cpu_second=rows / cpu,
            local_rows_per_cpu_second=rows / local_cpu, wall_mb_per_second=size / 1e6 / wall,
            extra_cpu_seconds=extra, hashing_cpu_seconds=hashed, peak_rss=rss)
        print(f"  payload {payload}: CPU {cpu / local_cpu:.2f}x the local run's, median of {S3_ROUNDS}"
              f" (best against best {cpus[0] / local_cpus[0]:.2f}x; through S3 "
              f"{', '.join(f'{c:.2f}' for c in cpus)} s, into tmpfs {', '.join(f'{c:.2f}' for c in local_cpus)} s;"
              f" {rows / cpu:,.0f} against {rows / local_cpu:,.0f} rows/s/core);"
              f" extra {extra:.2f} s = hashing ~{hashed:.2f} s + the rest {extra - hashed:.2f} s;"
              f" 1 worker {size / 1e6 / wall:.0f} MB/s wall, peak RSS {rss / 2**20:.0f} MiB")
    two, _, rss_two, wall_two = through_s3(["--target-gb", GB, "--file-size-mb", 512, "--payload-kb", 2,
                                            "--workers", 2], "two")
    report["two_workers"] = dict(wall_mb_per_second=two["bytes_written"] / 1e6 / wall_two, peak_rss=rss_two)
    print(f"  2 workers, payload 2: {two['bytes_written'] / 1e6 / wall_two:.0f} MB/s wall,"
          f" peak RSS {rss_two / 2**20:.0f} MiB (512 MiB files)")
    print("  (wall includes waiting on the server, which shares these CPUs)")
    print()
    report["where_the_time_goes"] = s3_time_split()
    return report


# valgrind 3.19 cannot read the DWARF 5 that Swift writes: callgrind runs a
# copy of the binary and its plugins without debug information (the symbol
# tables, which name the functions, stay).
CALLGRIND_BINARY = SCRATCH / "callgrind-build" / "lb-datagen"


def strip_debug_copy():
    folder = CALLGRIND_BINARY.parent
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "plugins").mkdir(parents=True)
    for source in [BINARY, *sorted((BINARY.parent / "plugins").iterdir())]:
        target = folder / source.relative_to(BINARY.parent)
        if source.suffix == ".so" or source == BINARY:
            subprocess.run(["strip", "--strip-debug", "-o", str(target), str(source)], check=True)
        else:
            shutil.copy(source, target)


# The share of the generator's instructions (callgrind) that each part of
# the work takes, by the shared object and function they run in.
SPLIT_COLUMNS = ("generate+encode", "compress", "checksum", "curl", "tls")


def s3_time_split():
    """Where a run through S3 spends its time, for 1 and 2 workers, over HTTP
    and HTTPS (a SeaweedFS serving both, with a throwaway CA): wall MB/s; CPU
    seconds split into user and kernel, the user part by the instruction
    shares callgrind counts on a smaller run of the same kind (generating and
    encoding, snappy, the CRC, libcurl, OpenSSL); and, from the run's own
    timers, the time the part uploads spent blocked in libcurl (their wall
    time less their CPU time) and the workers' time spent handing row
    groups to the upload (copy into part buffers, waiting for a free part
    slot, completing)."""
    sys.path[:0] = [str(REPO / "IntegrationTests"), str(REPO / "IntegrationTests" / "s3")]
    from s3_support import SeaweedFS, make_tls_files
    valgrind = shutil.which("valgrind")
    if valgrind:
        strip_debug_copy()
    callgrind_gb = float(os.environ.get("BENCH_S3_CALLGRIND_GB", "0.125"))
    server = SeaweedFS(tls=make_tls_files(SCRATCH / "tls"))
    results = []
    try:
        bucket = server.create_bucket("lb-bench-split")
        s3 = server.client()
        print(f"S3 where the time goes (customer360, payload 2, snappy, {GB:g} GiB, 512 MiB files, default settings;"
              f" instruction shares from callgrind over {callgrind_gb:g} GiB in 64 MiB files; load average {os.getloadavg()[0]:.1f}):")
        header = (f"  {'':>5} {'workers':>7} {'MB/s wall':>9} {'CPU s':>6} {'user':>6} {'kernel':>6}"
                  + "".join(f" {c:>15}" for c in SPLIT_COLUMNS)
                  + f" {'sending s':>9} {'in curl CPU':>11} {'blocked':>8} {'workers waiting':>15}")
        print(header)
        for scheme in ("http", "https"):
            env = server.env(**S3_SETTINGS) if scheme == "https" else server.env(S3_ENDPOINT=server.http_endpoint,
                                                                                  **S3_SETTINGS)
            if scheme == "https":
                env["S3_CA_CERT"] = str(server.tls.ca)
            for workers in (1, 2):
                args = ["--target-gb", GB, "--file-size-mb", 512, "--payload-kb", 2, "--workers", workers,
                        "--bucket", bucket, "--prefix", f"{scheme}{workers}"]
                usage = {}
                summary, cpu, _, wall = run(args, env=env, usage_out=usage)
                _delete_prefix(server, s3, bucket, f"{scheme}{workers}/")
                shares = {}
                if valgrind:
                    out = SCRATCH / "callgrind.out"
                    # Files of 64 MiB: a 512 MiB one is too long under callgrind.
                    small = ["--target-gb", callgrind_gb, "--file-size-mb", 64, *args[4:]]
                    run(small, env=env, wrapper=[valgrind, "--tool=callgrind", f"--callgrind-out-file={out}"])
                    _delete_prefix(server, s3, bucket, f"{scheme}{workers}/")
                    shares = callgrind_shares(out)
                    out.unlink()
                size = summary["bytes_written"]
                sending, sending_cpu = summary.get("transfer_seconds", 0), summary.get("transfer_cpu_seconds", 0)
                row = dict(scheme=scheme, workers=workers, wall_seconds=wall, wall_mb_per_second=size / 1e6 / wall, cpu_seconds=cpu,
                           user_seconds=usage["user"], kernel_seconds=usage["system"], instruction_shares=shares,
                           sending_seconds=sending, sending_cpu_seconds=sending_cpu,
                           workers_waiting_seconds=summary["write_seconds"])
                results.append(row)
                split = "".join(f" {usage['user'] * shares[c]:>6.2f}s {shares[c]:>6.1%}" if shares else f" {'-':>15}"
                                for c in SPLIT_COLUMNS)
                print(f"  {scheme:>5} {workers:>7} {size / 1e6 / wall:>9.0f} {cpu:>6.2f} {usage['user']:>6.2f}"
                      f" {usage['system']:>6.2f}{split} {sending:>9.2f} {sending_cpu:>11.2f}"
                      f" {sending - sending_cpu:>8.2f} {summary['write_seconds']:>15.2f}")
        print("  (CPU s = user + kernel of the whole process; each split column: user CPU seconds by callgrind's"
              " instruction share, and that share;\n   sending s: wall time of the part uploads in libcurl, summed over"
              " their threads; in curl CPU: those threads' CPU meanwhile;\n   blocked = sending - in curl CPU, waiting on"
              " the network and the server; workers waiting: the workers' time handing row groups to the upload)")
        if not valgrind:
            print("  (valgrind not found: no instruction split; apt-get install valgrind)")
        print()
    finally:
        server.stop()
        shutil.rmtree(CALLGRIND_BINARY.parent, ignore_errors=True)
    return results


def _delete_prefix(server, s3, bucket, prefix):
    for key in server.keys(bucket, prefix, markers=True):  # the server's disk holds a few GiB at most
        s3.delete_object(Bucket=bucket, Key=key)


_ENTRIES = ("curl_easy_perform", "lb_crc32c", "lb_crc32c_copy", "lb_crc64nvme", "snappy_compress",
            "ZSTD_compressCCtx", "LZ4_compress_default")


def callgrind_shares(path):
    """Shares of all instructions (Ir) in a callgrind profile: "compress"
    (the codec's entry point, callees included: snappy's own memset and
    memcpy calls are libc's), "checksum" (the CRC functions, callees included;
    with the CRC in a trailer, lb_crc32c_copy is libcurl's copy of the body
    and the CRC in one pass, counted here and not under curl), "tls"
    (libssl, libcrypto: TLS records, request signatures, body digests if
    S3_CHECKSUM=md5 or signed payloads), "curl" (everything under
    curl_easy_perform but OpenSSL) and "generate+encode" (the rest: the
    domain plugin, the Parquet writer, the Swift runtime, copies)."""
    names = {"ob": {}, "fn": {}}
    self_cost = {}        # (object, function) -> Ir spent in the function itself
    under = dict.fromkeys(_ENTRIES, 0)  # Ir of calls into each entry point, callees included
    obj = fn = None
    called = None         # the function a calls= line names, for the cost line that follows
    total = 0

    def name(kind, text):
        text = text.strip()
        if text.startswith("("):
            number, _, rest = text.partition(")")
            if rest.strip():
                names[kind][number] = rest.strip()
            return names[kind].get(number, "?")
        return text

    with open(path) as profile:
        for line in profile:
            head = line[:4]
            if head.startswith("ob="):
                obj = name("ob", line[3:])
            elif head.startswith("fn="):
                fn = name("fn", line[3:])
            elif head == "cfn=" or head == "cfi=" or head == "cob=":
                if head == "cfn=":
                    called = name("fn", line[4:])
                elif head == "cob=":
                    name("ob", line[4:])
            elif line.startswith("calls="):
                pending = called
                line = next(profile)
                fields = line.split()
                cost = int(fields[1]) if len(fields) > 1 else 0
                if pending in under and fn != pending:
                    under[pending] += cost
            elif line.startswith("totals:") or line.startswith("summary:"):
                total = int(line.split()[1])
            elif line[:1].isdigit() or line[:1] in "+-*":
                fields = line.split()
                if len(fields) > 1:
                    self_cost[(obj, fn)] = self_cost.get((obj, fn), 0) + int(fields[1])
    total = total or sum(self_cost.values())
    sums = dict.fromkeys(SPLIT_COLUMNS, 0)
    for (obj, fn), cost in self_cost.items():
        if os.path.basename(obj or "").startswith(("libssl", "libcrypto")):
            sums["tls"] += cost
    sums["checksum"] = under["lb_crc32c"] + under["lb_crc32c_copy"] + under["lb_crc64nvme"]
    sums["compress"] = under["snappy_compress"] + under["ZSTD_compressCCtx"] + under["LZ4_compress_default"]
    sums["curl"] = max(0, under["curl_easy_perform"] - sums["tls"] - under["lb_crc32c_copy"])
    sums["generate+encode"] = total - sums["compress"] - sums["tls"] - sums["checksum"] - sums["curl"]
    return {k: v / total for k, v in sums.items()}


# What the S3 runs set (BENCH_S3_ENV="NAME=value,..."), and the OpenSSL
# digests the client computes over every body with it: SHA-256 when the
# payload is signed, MD5 for Content-MD5 (BENCH_S3_DIGESTS overrides, to
# measure a build that predates the settings). A CRC's cost is in "the rest".
S3_ROUNDS = int(os.environ.get("BENCH_S3_ROUNDS", "3"))
S3_SETTINGS = dict(item.split("=", 1) for item in os.environ.get("BENCH_S3_ENV", "").split(",") if item)
S3_DIGESTS = [d for d in os.environ.get("BENCH_S3_DIGESTS", ",".join(
    (["sha256"] if S3_SETTINGS.get("S3_SIGN_PAYLOAD") == "true" else [])
    + (["md5"] if S3_SETTINGS.get("S3_CHECKSUM") == "md5" else []))).split(",") if d]


if __name__ == "__main__":
    main()
