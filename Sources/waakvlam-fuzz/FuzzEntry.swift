#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WaakvlamFuzzing

// libFuzzer's entry point, for long coverage-guided runs (see README, "Fuzzing"):
//
//   swift build --product waakvlam-fuzz --scratch-path .build-libfuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DLIBFUZZER
//   WAAKVLAM_FUZZ_TARGET=csv .build-libfuzzer/debug/waakvlam-fuzz CORPUS-COPY -max_total_time=300
//
// A broken property aborts, so libFuzzer saves the input as a crash-… file like any trap.

/// The target chosen by `WAAKVLAM_FUZZ_TARGET` (csv, jsonl, condition, socket).
let fuzzTarget: any FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["WAAKVLAM_FUZZ_TARGET"] ?? "csv"
    guard let target = FuzzTargets.named(name) else {
        FileHandle.standardError.write(Data("WAAKVLAM_FUZZ_TARGET must be one of \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    return target
}()

/// libFuzzer's entry point: runs one input through the chosen target (a crash is the finding).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let broken = fuzzTarget.check(input)
    if !broken.isEmpty {
        FileHandle.standardError.write(Data("\(fuzzTarget.name): \(broken.joined(separator: "; "))\n".utf8))
        abort()
    }
    return 0
}

#if LIBFUZZER
/// libFuzzer's driver (in the runtime that -sanitize=fuzzer links); SwiftPM names the executable's
/// entry point itself, so `main` hands the command line over to the driver instead of libFuzzer's own main.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32
#endif

/// With libFuzzer: the fuzzing loop. Without: runs the files named on the command line through the target (to replay a crash).
@main
enum FuzzMain {
    static func main() {
        #if LIBFUZZER
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
        #else
        var failed = false
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot read"); failed = true; continue }
            let broken = fuzzTarget.check(Array(data))
            print("\(path): \(broken.isEmpty ? "ok" : broken.joined(separator: "; "))")
            failed = failed || !broken.isEmpty
        }
        exit(failed ? 1 : 0)
        #endif
    }
}
