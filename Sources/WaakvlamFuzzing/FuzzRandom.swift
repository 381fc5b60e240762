import WaakvlamCore

/// The fuzz runs' generator: SplitMix64, so a run is the same on every machine and every run.
public typealias FuzzRandom = SplitMix64
