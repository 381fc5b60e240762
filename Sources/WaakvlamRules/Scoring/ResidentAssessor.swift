import WaakvlamCore

/// Computes a resident's assessment at one moment: contributions, score, aftercare and rules.
public struct ResidentAssessor: Sendable {
    /// The policy in force.
    public let policy: StoplightPolicy

    /// Creates an assessor for `policy`.
    public init(policy: StoplightPolicy) { self.policy = policy }

    /// Assesses `resident` at `moment`; `state` supplies what the past decided (recovery, `for:` clocks).
    public func assess(_ resident: ResidentCase, in casebook: Casebook, state: SubjectState?, at moment: Int64) -> Assessment {
        let horizonStart = moment - policy.scoring.horizon.seconds
        let signals = resident.signals.filter { $0.occurredAt <= moment && $0.occurredAt >= horizonStart }
        let partners = feudPartners(of: resident, signals: signals, in: casebook, at: moment)
        let closings = ArrearsClosings(signals: signals, closers: policy.ruleSet.arrears.closedBy)
        var contributions = signals.compactMap { contribution(of: $0, at: moment, partners: partners, closings: closings) }
        applyReporterCap(&contributions)

        // Positive signals offset concern in their own domain only: a payment plan eases money
        // worries, it does not make stopped medication go away.
        var concernByDomain: [String: Double] = [:]
        var reliefByDomain: [String: Double] = [:]
        for item in contributions {
            if item.counted > 0 { concernByDomain[item.domain, default: 0] += item.counted } else { reliefByDomain[item.domain, default: 0] += item.counted }
        }
        var netByDomain = concernByDomain
        for (domain, relief) in reliefByDomain { netByDomain[domain] = max(0, (concernByDomain[domain] ?? 0) + relief) }
        let concern = concernByDomain.values.reduce(0, +)
        let net = netByDomain.values.reduce(0, +)
        let relief = net - concern
        let active = netByDomain.filter { $0.value >= policy.scoring.activeDomainMinimum }.keys.sorted()
        let multiplier = 1 + policy.scoring.multiDomainBonus * Double(max(0, active.count - 1))
        let score = max(0, net * multiplier)
        let aftercare = aftercareReason(resident.facts, signals: signals, recoveredAt: state?.recoveredAt, at: moment)
        let thresholds = aftercare == nil ? policy.levels.thresholds : policy.aftercare.thresholds

        let facts = ResidentFacts(policy: policy, facts: resident.facts, signals: signals, moment: moment, score: score,
                                  activeDomains: active.count, aftercare: aftercare != nil, feud: !partners.isEmpty, closings: closings)
        var holding: [String] = []
        var fired: [FiredRule] = []
        for rule in policy.rules where rule.condition.evaluate(facts) {
            holding.append(rule.name)
            let since = state?.ruleSince[rule.name] ?? moment
            if let holdFor = rule.holdFor, moment - since < holdFor.seconds { continue }
            fired.append(FiredRule(name: rule.name, level: rule.level))
        }
        return Assessment(moment: moment, score: score, concern: concern, multiplier: multiplier, relief: relief, activeDomains: active,
                          contributions: contributions, feudWith: partners.sorted(), aftercare: aftercare, thresholds: thresholds,
                          scoreLevel: thresholds.level(for: score), holding: holding, fired: fired)
    }

    /// The facts rule conditions read, for explanations that show each function's value.
    public func facts(for resident: ResidentCase, in casebook: Casebook, assessment: Assessment) -> ResidentFacts {
        let horizonStart = assessment.moment - policy.scoring.horizon.seconds
        let signals = resident.signals.filter { $0.occurredAt <= assessment.moment && $0.occurredAt >= horizonStart }
        return ResidentFacts(policy: policy, facts: resident.facts, signals: signals, moment: assessment.moment, score: assessment.score,
                             activeDomains: assessment.activeDomains.count, aftercare: assessment.aftercare != nil,
                             feud: !assessment.feudWith.isEmpty, closings: ArrearsClosings(signals: signals, closers: policy.ruleSet.arrears.closedBy))
    }

    private func contribution(of signal: SignalFact, at moment: Int64, partners: Set<String>, closings: ArrearsClosings) -> Contribution? {
        guard let type = policy.ruleSet.signalType(signal.type) else { return nil }
        let faded = Fading.faded(type.weight, age: moment - signal.occurredAt, halfLife: type.halfLife.seconds)
        var item = Contribution(signal: signal, domain: type.domain, weight: type.weight, faded: faded, counted: faded, adjustment: nil)
        if type.family == .arrears, signal.isRepeat {
            item.adjustment = .repeatReport
        } else if type.family == .arrears, closings.isClosed(signal) {
            item.adjustment = .closed
        } else if type.family == .nuisance, let reporter = signal.reporter, partners.contains(reporter),
                  moment - signal.occurredAt <= policy.scoring.feudWindow.seconds {
            item.adjustment = .feud
        }
        if item.adjustment != nil { item.counted = 0 }
        return item
    }

    /// One reporter's nuisance reports add at most the cap: beyond it, each counts proportionally less.
    ///
    /// Only nuisance is capped: the cap is against one angry neighbour's many complaints, and a
    /// calamity or a police report that happens to name a reporter must count in full.
    private func applyReporterCap(_ contributions: inout [Contribution]) {
        var totals: [String: Double] = [:]
        for item in contributions where item.counted > 0 && isNuisance(item.signal) {
            if let reporter = item.signal.reporter { totals[reporter, default: 0] += item.counted }
        }
        let cap = policy.scoring.reporterCap
        guard totals.values.contains(where: { $0 > cap }) else { return }
        for index in contributions.indices where contributions[index].counted > 0 && isNuisance(contributions[index].signal) {
            guard let reporter = contributions[index].signal.reporter, let total = totals[reporter], total > cap else { continue }
            contributions[index].counted *= cap / total
            contributions[index].adjustment = .reporterCap
        }
    }

    /// Households that complained about this one and about whom this one complained, both within the feud window.
    private func feudPartners(of resident: ResidentCase, signals: [SignalFact], in casebook: Casebook, at moment: Int64) -> Set<String> {
        let windowStart = moment - policy.scoring.feudWindow.seconds
        var partners: Set<String> = []
        for signal in signals where signal.occurredAt >= windowStart {
            guard let reporter = signal.reporter, !partners.contains(reporter), isNuisance(signal),
                  let otherID = casebook.residentByReference[reporter], otherID != resident.id,
                  let other = casebook.residents[otherID] else { continue }
            let complainedBack = other.signals.contains {
                $0.reporter == resident.facts.reference && $0.occurredAt >= windowStart && $0.occurredAt <= moment && isNuisance($0)
            }
            if complainedBack { partners.insert(reporter) }
        }
        return partners
    }

    private func isNuisance(_ signal: SignalFact) -> Bool {
        policy.ruleSet.signalType(signal.type)?.family == .nuisance
    }

    private func aftercareReason(_ facts: HouseholdFacts, signals: [SignalFact], recoveredAt: Int64?, at moment: Int64) -> AftercareReason? {
        let aftercare = policy.aftercare
        if let until = facts.supportUntil, until <= moment, moment < until + aftercare.afterSupportEnds.seconds {
            return .supportEnded(until)
        }
        if let origin = facts.origin, aftercare.arrivalOrigins.contains(origin), let movedIn = facts.movedIn,
           movedIn <= moment, moment < movedIn + aftercare.afterArrival.seconds {
            return .arrived(origin, movedIn)
        }
        // After recovery only new concern counts with the lower thresholds: the signals that
        // were there at the recovery must not bring the level straight back up.
        if let recoveredAt, recoveredAt <= moment, moment < recoveredAt + aftercare.afterRecovery.seconds,
           signals.contains(where: { $0.occurredAt > recoveredAt && (policy.ruleSet.signalType($0.type)?.weight ?? 0) > 0 }) {
            return .recovered(recoveredAt)
        }
        return nil
    }
}
