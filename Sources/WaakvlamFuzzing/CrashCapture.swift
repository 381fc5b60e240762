#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Saves the input being checked when the process dies of a trap or a crash signal.
///
/// A Swift trap (overflow, index out of range, force unwrap of nil) cannot be caught, so the
/// input is published in a slot before each check and a signal handler writes every busy slot
/// to its file in `crashers/` (with `open`/`write` only: async-signal-safe), then hands the
/// signal back to the handler that was there before (the Swift backtracer or the default).
enum CrashCapture {
    static let slotCount = 16
    private static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    /// Per slot: the input's address and length, and the C path to write it to. Read by the handler.
    nonisolated(unsafe) private static let inputs = filled(with: UnsafePointer<UInt8>?.none)
    nonisolated(unsafe) private static let lengths = filled(with: 0)
    nonisolated(unsafe) private static let paths = filled(with: UnsafeMutablePointer<CChar>?.none)
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    private static func filled<Value>(with value: Value) -> UnsafeMutablePointer<Value> {
        let pointer = UnsafeMutablePointer<Value>.allocate(capacity: slotCount)
        pointer.initialize(repeating: value, count: slotCount)
        return pointer
    }

    private static let claimed = Mutex<[Bool]>(Array(repeating: false, count: slotCount))
    private static let installed = Mutex(false)

    /// A slot whose input is written to `path` on a crash; nil when all are taken (the run goes on unguarded).
    static func claim(path: String) -> Int? {
        installHandlers()
        return claimed.withLock { slots -> Int? in
            guard let free = slots.firstIndex(of: false) else { return nil }
            slots[free] = true
            inputs[free] = nil
            lengths[free] = 0
            paths[free] = strdup(path)
            return free
        }
    }

    static func release(_ slot: Int) {
        claimed.withLock { slots in
            inputs[slot] = nil
            free(paths[slot])
            paths[slot] = nil
            slots[slot] = false
        }
    }

    /// Runs `body` with `input` published in `slot`.
    static func guarding<Result>(_ slot: Int?, _ input: [UInt8], _ body: () -> Result) -> Result {
        guard let slot else { return body() }
        return input.withUnsafeBufferPointer { buffer in
            lengths[slot] = buffer.count
            inputs[slot] = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)
            defer { inputs[slot] = nil }
            return body()
        }
    }

    private static func installHandlers() {
        installed.withLock { done in
            guard !done else { return }
            done = true
            _ = (inputs, lengths, paths) // initialised before any handler can read them
            for signal in signals {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { signal in CrashCapture.handle(signal) }
                sigemptyset(&action.sa_mask)
                action.sa_flags = 0
                sigaction(signal, &action, previous + Int(signal))
            }
        }
    }

    private static func handle(_ signal: Int32) {
        for slot in 0..<slotCount {
            guard let input = inputs[slot], let path = paths[slot] else { continue }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if descriptor >= 0 {
                _ = write(descriptor, input, lengths[slot])
                close(descriptor)
            }
            let note: StaticString = "\nwaakvlam fuzz: the input being checked when the process died is saved in "
            _ = write(2, note.utf8Start, note.utf8CodeUnitCount)
            _ = write(2, path, strlen(path))
            _ = write(2, "\n", 1)
        }
        // Give the signal back to whoever had it; the faulting instruction runs again and reaches them.
        sigaction(signal, previous + Int(signal), nil)
        if signal == SIGABRT || signal == SIGFPE { raise(signal) }
    }
}
