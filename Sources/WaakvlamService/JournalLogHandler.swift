#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging

/// Writes log lines to standard error, in the form journald reads best.
///
/// Under systemd (`JOURNAL_STREAM` set) each line starts with a `<N>` syslog
/// priority and has no time stamp of its own; elsewhere it starts with an ISO
/// 8601 time and the level. Metadata follows as `key=value`.
///
/// Message, metadata keys and values are escaped here (see ``escaped(_:)``), so a value a
/// sender chose (a file name, a source, an error text) can never start a line of its own, nor
/// with it a `<0>` priority journald would take as an emergency: no call site can forget it.
///
/// - Warning: Callers put ids, pseudonyms and counts in log lines, never notes,
///   names or addresses; this handler cannot tell them apart.
public struct JournalLogHandler: LogHandler {
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let forJournal: Bool

    /// A handler for `label`; `forJournal` nil means: decide from `JOURNAL_STREAM`.
    public init(label: String, level: Logger.Level = .info, forJournal: Bool? = nil) {
        self.label = label
        self.logLevel = level
        self.forJournal = forJournal ?? (ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let rendered = fields.sorted { $0.key < $1.key }.map { " \(Self.escaped($0.key))=\(Self.quoted("\($0.value)"))" }.joined()
        let message = Self.escaped("\(event.message)")
        let line: String
        if forJournal {
            line = "<\(Self.priority(event.level))>\(message)\(rendered)\n"
        } else {
            line = "\(Self.timestamp()) \(event.level) \(Self.escaped(label)): \(message)\(rendered)\n"
        }
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// The syslog priority journald expects in front of a line.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601)
    }
}
