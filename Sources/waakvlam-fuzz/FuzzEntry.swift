#if canImport(Glibc)
import Glibc
#endif
import Foundation
import WaakvlamFuzzing

// libFuzzer's entry point, for long coverage-guided runs (see README, "Fuzzing"):
//
//   swift build --product waakvlam-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DLIBFUZZER
//   WAAKVLAM_FUZZ_TARGET=csv .build/debug/waakvlam-fuzz Tests/WaakvlamFeedsTests/FuzzCorpus/csv -max_total_time=300
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

#if !LIBFUZZER
/// Without libFuzzer: runs the files named on the command line through the target (to replay a crash).
@main
enum FuzzReplay {
    static func main() {
        var failed = false
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot read"); failed = true; continue }
            let broken = fuzzTarget.check(Array(data))
            print("\(path): \(broken.isEmpty ? "ok" : broken.joined(separator: "; "))")
            failed = failed || !broken.isEmpty
        }
        exit(failed ? 1 : 0)
    }
}
#endif
