import WaakvlamCore

/// One simulated signal the soak feeds, and what the end checks need to know of it.
public struct SoakSignal: Sendable {
    /// The sending system.
    public var source: String
    /// Unique within the source.
    public var id: String
    /// A signal type code from the rules.
    public var type: String
    /// The local day it happened.
    public var date: LocalDate
    /// The household it is about.
    public var resident: String
    /// Nuisance reporter, arrears amount and days overdue, or empty.
    public var reporter = "", amount = "", daysOverdue = ""

    /// `source/id`, the signal's identity in the store.
    public var key: String { source + "/" + id }

    /// The CSV header matching ``csvRow``.
    public static let csvHeader = "source,id,type,occurred_at,resident,reporter,amount,days_overdue"

    /// The signal as a row under ``csvHeader``.
    public var csvRow: String { "\(source),\(id),\(type),\(date),\(resident),\(reporter),\(amount),\(daysOverdue)" }

    /// `signals` as a CSV feed with its header.
    public static func csv(_ signals: [SoakSignal]) -> String {
        ([csvHeader] + signals.map(\.csvRow)).joined(separator: "\n") + "\n"
    }
}
