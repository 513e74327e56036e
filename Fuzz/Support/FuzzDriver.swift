import Foundation

/// What each fuzz target's entry point hands over to: libFuzzer when built
/// with -sanitize=fuzzer -DFUZZING (`make fuzz`), else a replay of the input
/// files given (a corpus, a crash), each run once.
public enum FuzzDriver {
    #if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    private static func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

    /// libFuzzer's callback is a C function: it finds the target here.
    nonisolated(unsafe) private static var target: (UnsafeRawBufferPointer) -> Void = { _ in }

    public static func fuzz(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                            _ run: @escaping (UnsafeRawBufferPointer) -> Void) -> CInt {
        target = run
        var count = argc
        var vector = argv
        return runFuzzerDriver(&count, &vector) { data, size in
            FuzzDriver.target(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        }
    }
    #endif

    public static func replay(_ paths: [String], _ run: (UnsafeRawBufferPointer) -> Void) throws {
        for path in paths {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes.withUnsafeBytes { run($0) }
        }
    }
}
