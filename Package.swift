// swift-tools-version:6.0
import PackageDescription

// The host (lb-datagen) owns the machinery; each domain is a dynamic library
// loaded at run time through the C ABI in Sources/CLBDomain. Arrows point
// down only: plugins -> LBDomainKit -> CLBDomain; LBHost -> LBParquet, LBS3 -> LBHTTP -> LBSync.
// LBSync, at the bottom, holds the threads, locks and clocks of every module.
let package = Package(
    name: "lb-datagen",
    products: [
        .executable(name: "lb-datagen", targets: ["lb-datagen"]),
        .library(name: "LBDomainKit", targets: ["LBDomainKit"]),
        .library(name: "Customer360", type: .dynamic, targets: ["Customer360"]),
        .library(name: "IoT", type: .dynamic, targets: ["IoT"]),
        .library(name: "Clickstream", type: .dynamic, targets: ["Clickstream"]),
        .library(name: "SpecDomains", type: .dynamic, targets: ["SpecDomains"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The plugin ABI: one C header, nothing else.
        .target(name: "CLBDomain"),
        .systemLibrary(name: "CCodecs"),
        .systemLibrary(name: "CCurl"),
        .systemLibrary(name: "COpenSSL"),
        // libyaml, for spec files.
        .systemLibrary(name: "CYAML"),
        // CRC-32C and CRC-64/NVME for upload checksums (C: the CPU's CRC instruction).
        .target(name: "CChecksums"),

        // Swift side of the ABI for plugin authors.
        .target(name: "LBDomainKit", dependencies: ["CLBDomain"]),
        // Threads, locks, clocks, sleep and cancellation: the one home of
        // what every module below the command line needs from the OS.
        .target(name: "LBSync"),
        // The Parquet writer: knows nothing of plugins or sinks.
        .target(name: "LBParquet", dependencies: ["CCodecs", "LBSync"]),
        // HTTP over libcurl and the digests HTTP APIs use; knows nothing of S3.
        .target(name: "LBHTTP", dependencies: ["CCurl", "COpenSSL", "CChecksums", "LBSync"]),
        // S3 client: Signature V4, multipart, retries; knows nothing of the host.
        .target(name: "LBS3", dependencies: ["LBHTTP", "LBSync"]),
        // Loader, planner, scheduler, sinks, checkpoint.
        .target(name: "LBHost", dependencies: ["CLBDomain", "COpenSSL", "LBParquet", "LBS3", "LBSync"]),
        // The command line only.
        .executableTarget(
            name: "lb-datagen",
            dependencies: ["LBHost", "LBParquet", "LBS3", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Shipped domains, one dynamic library each.
        .target(name: "Customer360", dependencies: ["LBDomainKit"], path: "Plugins/Customer360"),
        .target(name: "IoT", dependencies: ["LBDomainKit"], path: "Plugins/IoT"),
        .target(name: "Clickstream", dependencies: ["LBDomainKit"], path: "Plugins/Clickstream"),
        // Declarative domains: YAML spec files compiled at open into column programs.
        .target(name: "SpecDomains", dependencies: ["LBDomainKit", "CYAML"], path: "Plugins/Spec"),

        .testTarget(name: "LBParquetTests", dependencies: ["LBParquet"]),
        // Test-only: writes Parquet files from JSON cases for IntegrationTests/parquet (pytest).
        .executableTarget(name: "parquet-roundtrip", dependencies: ["LBParquet"], path: "Tests/ParquetRoundtrip"),
        // The Parquet writer's fuzz target: libFuzzer with -sanitize=fuzzer -DFUZZING (`make fuzz`), else a replayer.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "parquet-fuzz", dependencies: ["FuzzSupport", "LBParquet"], path: "Fuzz/ParquetWriter"),
        // The host's checks of plugin batches, fuzzed the same way: a plugin made of fuzz bytes.
        .executableTarget(name: "batch-fuzz", dependencies: ["FuzzSupport", "LBHost", "LBParquet", "CLBDomain"], path: "Fuzz/PluginBatch"),
        .testTarget(name: "LBDomainKitTests", dependencies: ["LBDomainKit"]),
        .testTarget(name: "LBHostTests", dependencies: ["LBHost"]),
        .testTarget(name: "LBS3Tests", dependencies: ["LBS3", "LBHTTP"]),
    ]
)
