import WaakvlamCore
import WaakvlamRules
import WaakvlamStore

extension WaakvlamEnvironment {
    /// Acknowledges a notice for `by`, with feedback to the reporters of the nuisance behind it
    /// (named as `escalation.feedback_reporters` says), and records in the audit table that `who`
    /// did it. The command line and the socket both call this.
    public func acknowledge(notice: Int64, by: String, note: String?, who: String, at moment: Int64) throws -> AppDatabase.Acknowledgement {
        let nuisance = Set(configuration.rules.signalTypes.values.filter { $0.family == .nuisance }.map(\.code))
        let escalation = configuration.daemon.escalation
        let reporters: @Sendable (String) -> String
        switch escalation.feedbackReporters {
        case .id: reporters = { $0 }
        case .pseudonym:
            let pseudonyms = try Pseudonymizer(keyFile: paths.pseudonymKeyFile)
            reporters = { pseudonyms.pseudonym(of: $0, kind: "reporter") }
        }
        let done = try database.acknowledge(notice: notice, by: by, note: note, at: moment, nuisanceTypes: nuisance,
                                            feedbackRoute: escalation.feedbackRoute, reporterReference: reporters)
        try database.audit(who: who, action: "ack", subject: "notice \(notice) by \(by)", at: moment)
        return done
    }
}

extension WaakvlamEnvironment {
    /// Explains a resident (when `resident` is given) or a building at `moment`, after recording
    /// in the audit table that `who` asked — also when nothing is found. Nil for an unknown reference.
    public func explain(resident: String?, building: String?, with keeper: LevelKeeper, who: String, at moment: Int64) throws -> Explanation? {
        try database.audit(who: who, action: "explain", subject: resident.map { "resident \($0)" } ?? "building \(building ?? "")", at: moment)
        let explainer = Explainer(stoplight: keeper.stoplight, calendar: calendar)
        if let resident { return explainer.resident(resident, at: moment) }
        return building.flatMap { explainer.building($0, at: moment) }
    }
}
