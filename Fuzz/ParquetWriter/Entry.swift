import FuzzSupport

#if FUZZING
// SwiftPM links an executable's entry point as `<product>_main`.
@_cdecl("parquet_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.fuzz(argc, argv) { FuzzWriter.run($0) }
}
#else
@main
struct Replay {
    static func main() throws {
        try FuzzDriver.replay(Array(CommandLine.arguments.dropFirst())) { FuzzWriter.run($0) }
    }
}
#endif
