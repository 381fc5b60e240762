import WaakvlamCore

/// Moves a subject's level: up at once, down only after the lower level has held for the cool-down.
public struct Hysteresis: Sendable {
    /// How long a lower level must hold before the level goes down.
    public let coolDown: TimeSpan

    /// Creates the rule with `coolDown`.
    public init(coolDown: TimeSpan) { self.coolDown = coolDown }

    /// The next state when the score and rules ask for `wanted` at `moment` (nil: too few to say).
    /// Returns the new state and, when the shown level moved, its old value.
    public func step(_ state: SubjectState, wanted: Level?, at moment: Int64) -> (state: SubjectState, changedFrom: Level??) {
        var next = state
        next.evaluatedAt = moment
        guard let wanted, let current = state.level else {
            // "Too few to say" has no colour to cool down from: it comes and goes at once.
            next.amberOrLowerSince = nil
            next.greenSince = nil
            guard wanted != state.level else { return (next, nil) }
            move(&next, to: wanted, at: moment)
            return (next, .some(state.level))
        }
        next.amberOrLowerSince = wanted <= .amber ? (state.amberOrLowerSince ?? moment) : nil
        next.greenSince = wanted == .green ? (state.greenSince ?? moment) : nil
        var target = current
        if wanted > current {
            target = wanted
        } else if let greenSince = next.greenSince, moment - greenSince >= coolDown.seconds {
            target = .green
        } else if current == .red, let calmSince = next.amberOrLowerSince, moment - calmSince >= coolDown.seconds {
            target = .amber
        }
        guard target != current else { return (next, nil) }
        move(&next, to: target, at: moment)
        return (next, .some(current))
    }

    private func move(_ state: inout SubjectState, to level: Level?, at moment: Int64) {
        state.level = level
        state.since = moment
        guard let level else { return }
        if level == .green {
            if state.peak == .red { state.recoveredAt = moment }
            state.peak = .green
        } else {
            state.peak = max(state.peak, level)
        }
    }
}
