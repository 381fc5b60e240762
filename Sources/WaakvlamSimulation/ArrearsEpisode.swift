/// One arrears episode: a debt of one type that is reported monthly until it is settled or dropped.
struct ArrearsEpisode {
    /// The household in arrears.
    let household: Int
    /// The arrears type.
    let type: SyntheticSignalType
    /// The day of the next report.
    var nextReport: Int64
    /// Days overdue at the next report.
    var daysOverdue: Int
    /// The amount in cents at the next report.
    var amountCents: Int
    /// The monthly charge that goes unpaid.
    let monthlyCents: Int
    /// Reports still to come, the next one included.
    var reportsLeft: Int
    /// The positive signal that closes the episode, or nil when it just stops being reported.
    let closing: SyntheticSignalType?

    /// Moves to the next monthly report: most amounts grow or stay, some shrink after a partial payment.
    mutating func advance(_ random: inout SeededGenerator) {
        let interval = random.int(in: 28...33)
        nextReport += Int64(interval)
        daysOverdue += interval
        let draw = random.below(100)
        if draw < 55 {
            amountCents += monthlyCents + random.below(monthlyCents / 10 + 1)
        } else if draw >= 90 {
            amountCents = max(monthlyCents / 2, amountCents - monthlyCents / 2 - random.below(monthlyCents / 4 + 1))
            daysOverdue = max(30, daysOverdue - 30)
        }
    }
}
