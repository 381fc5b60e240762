/// What can happen to a household in a month, besides arrears and the planned nuisance of hot buildings and feuds.
enum BackgroundEvent: Int, CaseIterable {
    /// An observation by a caretaker or consultant.
    case observation
    /// A care signal from a care provider.
    case care
    /// A safety signal.
    case safety
    /// Contact made (positive).
    case contact
    /// A one-off nuisance complaint by a neighbour.
    case nuisance
}
