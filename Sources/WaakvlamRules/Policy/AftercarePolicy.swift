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

    /// Creates an aftercare policy.
    public init(afterSupportEnds: TimeSpan, arrivalOrigins: Set<Origin>, afterArrival: TimeSpan, afterRecovery: TimeSpan, thresholds: Thresholds) {
        self.afterSupportEnds = afterSupportEnds
        self.arrivalOrigins = arrivalOrigins
        self.afterArrival = afterArrival
        self.afterRecovery = afterRecovery
        self.thresholds = thresholds
    }
}
