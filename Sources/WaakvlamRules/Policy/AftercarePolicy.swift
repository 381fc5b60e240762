import WaakvlamCore

/// Aftercare (nazorg): who is watched with more sensitivity, for how long, and with which thresholds.
public struct AftercarePolicy: Sendable, Equatable {
    /// After support ends (`support_until`), aftercare lasts this long.
    public var afterSupportEnds: TimeSpan
    /// Households that came from one of these places…
    public var arrivalOrigins: Set<Origin>
    /// …are in aftercare this long after moving in.
    public var afterArrival: TimeSpan
    /// After going back to green from red, aftercare lasts this long.
    public var afterRecovery: TimeSpan
    /// The lower thresholds that apply during aftercare.
    public var thresholds: Thresholds
    /// How often an aftercare check-in is due (a reminder notice), counted from the start of aftercare.
    public var checkInEvery: TimeSpan

    /// Creates an aftercare policy.
    public init(afterSupportEnds: TimeSpan, arrivalOrigins: Set<Origin>, afterArrival: TimeSpan, afterRecovery: TimeSpan, thresholds: Thresholds,
                checkInEvery: TimeSpan = .days(91)) {
        self.checkInEvery = checkInEvery
        self.afterSupportEnds = afterSupportEnds
        self.arrivalOrigins = arrivalOrigins
        self.afterArrival = afterArrival
        self.afterRecovery = afterRecovery
        self.thresholds = thresholds
    }

    /// The aftercare periods of a household from its registry facts (support ended, arrival from
    /// BW/MO/clinic) and its last recovery from red, as (start, end) moments.
    public func periods(for facts: HouseholdFacts, recoveredAt: Int64?) -> [(start: Int64, end: Int64)] {
        var periods: [(start: Int64, end: Int64)] = []
        if let until = facts.supportUntil { periods.append((until, until + afterSupportEnds.seconds)) }
        if let origin = facts.origin, arrivalOrigins.contains(origin), let movedIn = facts.movedIn { periods.append((movedIn, movedIn + afterArrival.seconds)) }
        if let recoveredAt { periods.append((recoveredAt, recoveredAt + afterRecovery.seconds)) }
        return periods
    }

    /// The latest check-in due at or before `moment` within an aftercare period, if any.
    public func latestCheckIn(for facts: HouseholdFacts, recoveredAt: Int64?, at moment: Int64) -> Int64? {
        guard checkInEvery.seconds > 0 else { return nil }
        var latest: Int64?
        for period in periods(for: facts, recoveredAt: recoveredAt) where period.start < moment {
            let last = min(moment, period.end)
            let steps = (last - period.start) / checkInEvery.seconds
            guard steps >= 1 else { continue }
            let due = period.start + steps * checkInEvery.seconds
            latest = max(latest ?? due, due)
        }
        return latest
    }
}
