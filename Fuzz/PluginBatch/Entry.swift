import FuzzSupport

#if FUZZING
// SwiftPM links an executable's entry point as `<product>_main`.
@_cdecl("batch_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.fuzz(argc, argv) { BatchFuzz.run($0) }
}
#else
/// Replays the input files given, then says how many the host accepted
/// and refused, and why.
@main
struct Replay {
    static func main() throws {
        try FuzzDriver.replay(Array(CommandLine.arguments.dropFirst())) { BatchFuzz.run($0) }
        print(BatchFuzz.tally.line)
    }
}
#endif
