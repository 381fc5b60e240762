import Logging
import WaakvlamCore

extension NoticeLog {
    /// ``reopen()``, told in the journal with `cause` (the signal); a file that cannot be
    /// opened is told too, and the old one kept, so no notice goes nowhere.
    func reopen(because cause: String, logger: Logger) {
        do {
            try reopen()
            logger.notice("\(cause): notice log reopened", metadata: ["file": "\(path)"])
        } catch {
            logger.error("\(cause): the notice log could not be reopened; still writing to the old file", metadata: ["error": "\(FaultDescription.of(error))"])
        }
    }
}
