import Foundation

/// What a soak run did and measured, printed at its end and quoted in BENCHMARKS.md.
public struct SoakFigures: Sendable {
    /// Signals fed: through the spool, the socket and `waakvlam ingest` (through the socket).
    public var fedSpool = 0, fedSocket = 0, fedCommand = 0
    /// Signals the daemon confirmed accepted (socket answers, `ingest --json`, spool files processed).
    public var accepted = 0
    /// At the end: accepted signals still stored, and those the retention policy deleted.
    public var present = 0, purged = 0
    /// Notices handed out (the highest id), acknowledged by the soak, and still stored at the end.
    public var notices = 0, acknowledged = 0, noticesStored = 0
    /// Households moved out, and purged whole.
    public var movedOut = 0, householdsPurged = 0
    /// Daemon instances; stops by SIGTERM and by `kill -9`; spool files a kill interrupted mid-file.
    public var instances = 0, graceful = 0, killed = 0, killedMidFile = 0
    /// SIGHUP reloads with another rules file, log rotations, purges by the daemon and from the command line.
    public var reloads = 0, rotations = 0, daemonPurges = 0, commandPurges = 0
    /// Simulated span in days, and real time in seconds.
    public var simulatedDays = 0, realSeconds = 0.0
    /// Resident set size (KB) after each round, per instance, and each instance's peak (VmHWM).
    public var residentKB: [[Int]] = [], peakKB: [Int] = []

    public init() {}

    /// The figures as lines of text.
    public var report: String {
        let mb = { (kb: Int) in String(format: "%.1f MB", Double(kb) / 1024) }
        let perInstance = residentKB.enumerated().map { index, samples in
            "  instance \(index + 1): first \(mb(samples.first ?? 0)), last \(mb(samples.last ?? 0)), peak \(mb(index < peakKB.count ? peakKB[index] : 0))"
        }
        return ([
            "soak figures",
            "signals: fed \(fedSpool + fedSocket + fedCommand) (spool \(fedSpool), socket \(fedSocket), ingest command \(fedCommand)), accepted \(accepted), present \(present), purged by policy \(purged)",
            "notices: \(notices) handed out, each in the log once; \(acknowledged) acknowledged by the soak; \(noticesStored) still stored",
            "households: \(movedOut) moved out, \(householdsPurged) purged whole",
            "restarts: \(instances) daemon instances; \(graceful) SIGTERM, \(killed) kill -9 (\(killedMidFile) mid spool file)",
            "reloads \(reloads), log rotations \(rotations), purges: \(daemonPurges) daily by the daemon, \(commandPurges) waakvlam purge",
            "simulated span \(simulatedDays) days, real time \(String(format: "%.0f", realSeconds)) s",
            "peak RSS \(mb(peakKB.max() ?? 0)) (VmHWM over all instances)",
        ] + perInstance).joined(separator: "\n")
    }
}
