/// What ``SyntheticFeedWriter`` wrote: the files, their row counts, and the signals per family and type.
public struct SyntheticFeedSummary: Sendable, Equatable {
    /// The format of the files.
    public var format: SyntheticFeedFormat
    /// Path of the buildings file (`buildings.csv` or `buildings.jsonl`).
    public var buildingsFile: String
    /// Path of the registry file.
    public var registryFile: String
    /// Path of the signals file.
    public var signalsFile: String
    /// Rows in the buildings file.
    public var buildings: Int
    /// Rows in the registry file.
    public var households: Int
    /// The signals written, counted per type, family and source; `signals.total` rows.
    public var signals: SignalCounts
    /// Bytes written to the three files together.
    public var bytes: Int

    /// Creates a summary.
    public init(format: SyntheticFeedFormat, buildingsFile: String, registryFile: String, signalsFile: String,
                buildings: Int, households: Int, signals: SignalCounts, bytes: Int) {
        self.format = format
        self.buildingsFile = buildingsFile
        self.registryFile = registryFile
        self.signalsFile = signalsFile
        self.buildings = buildings
        self.households = households
        self.signals = signals
        self.bytes = bytes
    }
}
