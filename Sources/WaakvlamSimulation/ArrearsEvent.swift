/// Something an arrears episode set in motion for a later day.
enum ArrearsEvent {
    /// A new episode of `type` for `household` starts on `day` (a relapse after an earlier one).
    case start(household: Int, type: SyntheticSignalType, day: Int64)
    /// The closing signal `type` for `household`, from `source`, on `day`.
    case closing(household: Int, type: SyntheticSignalType, source: SyntheticSource, day: Int64)

    /// The day it happens.
    var day: Int64 {
        switch self {
        case .start(_, _, let day), .closing(_, _, _, let day): day
        }
    }
}
