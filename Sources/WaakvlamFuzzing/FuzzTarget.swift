/// One parser under fuzzing: what to feed it and the properties that must hold for any input.
public protocol FuzzTarget: Sendable {
    /// A short name: the corpus folder, the crashers folder and `WAAKVLAM_FUZZ_TARGET`.
    var name: String { get }
    /// Tokens of the input language, spliced in by the mutator.
    var dictionary: [[UInt8]] { get }
    /// Inputs that are run as they are before any mutation: the extremes no mutation reaches quickly.
    var generatedInputs: [[UInt8]] { get }
    /// Runs `input` through the parser; returns every property it broke (empty: all held).
    /// A trap ends the process; ``CrashCapture`` then saves the input.
    func check(_ input: [UInt8]) -> [String]
}

/// The targets by name, for the libFuzzer entry point.
public enum FuzzTargets {
    /// Every target.
    public static let all: [any FuzzTarget] = [FeedFuzzTarget(format: .csv), FeedFuzzTarget(format: .jsonLines), ConditionFuzzTarget(), SocketFuzzTarget()]

    /// The target called `name`.
    public static func named(_ name: String) -> (any FuzzTarget)? { all.first { $0.name == name } }
}

/// Nested brackets, a long line and such: made once, shared by the targets.
enum HostileInputs {
    static func repeated(_ text: String, _ count: Int) -> [UInt8] { Array(String(repeating: text, count: count).utf8) }
}
