import WaakvlamCore

/// The soak's generator: SplitMix64, so that a soak run feeds the same data every time.
public typealias SoakRandom = SplitMix64
