/// What one purge deleted (or, in a dry run, would delete), per kind of record.
public struct PurgeCounts: Sendable, Equatable, Codable {
    /// Moved-out households deleted whole.
    public var households = 0
    /// Signals: those of deleted households and those past their retention.
    public var signals = 0
    /// Registry history rows of deleted households.
    public var registryEntries = 0
    /// Contact attempts with deleted households.
    public var contacts = 0
    /// Stored engine states of deleted households.
    public var subjectStates = 0
    /// Level changes: those of deleted households and those past retention that no kept notice names.
    public var levelChanges = 0
    /// Notices: those of deleted households and closed, delivered ones past retention.
    public var notices = 0
    /// Audit records past retention.
    public var auditRecords = 0

    /// Nothing deleted.
    public init() {}

    /// Every kind with its count, in the order the command prints them.
    public var kinds: [(name: String, count: Int)] {
        [("households", households), ("signals", signals), ("registry entries", registryEntries), ("contacts", contacts),
         ("subject states", subjectStates), ("level changes", levelChanges), ("notices", notices), ("audit records", auditRecords)]
    }

    /// All counts added up.
    public var total: Int { kinds.reduce(0) { $0 + $1.count } }

    enum CodingKeys: String, CodingKey {
        case households, signals, contacts, notices
        case registryEntries = "registry_entries"
        case subjectStates = "subject_states"
        case levelChanges = "level_changes"
        case auditRecords = "audit_records"
    }

    /// Adds `other` to these counts.
    public mutating func add(_ other: PurgeCounts) {
        households += other.households
        signals += other.signals
        registryEntries += other.registryEntries
        contacts += other.contacts
        subjectStates += other.subjectStates
        levelChanges += other.levelChanges
        notices += other.notices
        auditRecords += other.auditRecords
    }
}
