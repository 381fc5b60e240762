extension SyntheticSignalType {
    /// A bit per arrears type, to know which episodes a household has open.
    var arrearsBit: UInt8 {
        switch self {
        case .achterstandHuur: 1
        case .achterstandEnergie: 2
        case .achterstandWater: 4
        case .achterstandZorgverzekering: 8
        default: 0
        }
    }

    /// Who reports arrears of this type: the corporation for rent, the municipality's hub for the rest.
    var arrearsSource: SyntheticSource {
        self == .achterstandHuur ? .incasso : .vroegsignalering
    }

    /// The monthly charge in cents whose non-payment builds the arrears.
    var monthlyChargeCents: ClosedRange<Int> {
        switch self {
        case .achterstandHuur: 48_000...86_000
        case .achterstandEnergie: 9_000...22_000
        case .achterstandWater: 2_000...4_500
        default: 13_000...16_500
        }
    }

    /// Days overdue at the first report: from 30 days (after a reminder); health insurance from 30 to 100.
    var firstReportOverdue: ClosedRange<Int> {
        self == .achterstandZorgverzekering ? 30...100 : 30...45
    }
}
