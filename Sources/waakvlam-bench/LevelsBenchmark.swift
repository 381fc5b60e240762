import Foundation
import WaakvlamConfig
import WaakvlamCore
import WaakvlamFeeds
import WaakvlamIngest
import WaakvlamRules
import WaakvlamService
import WaakvlamSimulation
import WaakvlamStore

// MARK: - The benchmark

func levelsBenchmark(_ options: Options) throws {
    let bootstrap = try WaakvlamEnvironment.loadConfiguration(EnvironmentOptions(configPath: options.config))
    guard let calendar = LocalCalendar(identifier: bootstrap.daemon.timeZone) else { throw BenchError("unknown time zone") }
    // The moment the data was made: local midnight after the last simulated day.
    let now = calendar.startOfDay(options.end.adding(days: 1))
    say("waakvlam-bench levels: \(options.residents) residents, \(options.buildings) buildings, \(options.months) months, seed \(options.seed), now \(isoUTC(now))")

    let prepared = try preparedStore(options, now: now)
    let work = try workingCopy(of: prepared, cacheRoot: options.cacheRoot)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let configuration = try WaakvlamEnvironment.loadConfiguration(EnvironmentOptions(configPath: options.config, stateDirectory: work))
    let environment = try WaakvlamEnvironment.open(configuration, now: now)
    let stored = try environment.database.statistics()
    say("store: \(stored.signals) signals, \(stored.residents) residents, \(stored.buildings) buildings, \(stored.databaseBytes / 1_048_576) MiB (working copy \(work))")
    resetPeakMemory()
    say("")

    // Setup: load the casebook and states, first evaluation of everyone.
    let (keeper, openSeconds) = try timed { try environment.openLevels(at: now) }
    let loaded = keeper.stoplight
    let liveSignals = loaded.casebook.residents.values.reduce(0) { $0 + $1.signals.count }
    say("setup: openLevels (casebook: \(loaded.casebook.residents.count) residents, \(loaded.casebook.buildings.count) buildings, \(liveSignals) signals in look-back) \(show(openSeconds)), RSS \(Int(memory("VmRSS"))) MiB")
    var firstParts: [String] = []
    if options.breakdown {
        // The first evaluation piece by piece, on a copy, saving into a scratch in-memory store.
        var copy = loaded
        let (changes, evaluateSeconds) = timed { copy.evaluate(at: now) }
        let (unsaved, unsavedSeconds) = timed { copy.takeUnsaved() }
        let scratch = try AppDatabase.inMemory()
        let clock = EngineClock(evaluatedAt: now, lastSignalID: copy.casebook.lastSignalID, lastRegistryID: 0)
        let (_, saveSeconds) = try timed { try scratch.saveEvaluation(states: unsaved, changes: changes, clock: clock) }
        firstParts = ["first evaluation on a copy: Stoplight.evaluate \(show(evaluateSeconds)) (\(changes.count) changes), takeUnsaved \(show(unsavedSeconds)) (\(unsaved.count) states), saveEvaluation into an in-memory store \(show(saveSeconds))"]
        say("breakdown: " + firstParts[0])
        firstParts += pureParts(loaded, at: now, label: "before the first evaluation")
    }
    let (firstChanges, firstSeconds) = try timed { try keeper.evaluateAll(at: now) }
    say("setup: first evaluateAll(at: now): \(show(firstSeconds)), \(firstChanges.count) level changes, \(keeper.stoplight.states.count) non-quiet states")
    say("")

    // (a) Full re-evaluation after a one-day clock jump, through the keeper (refresh, evaluate, save);
    //     and the pure in-memory evaluation on a copy of the engine at the same moment.
    var full = Series("(a) evaluateAll after +1 day (refresh+eval+save)")
    var pure = Series("    pure Stoplight.evaluate on a copy (incl. CoW)")
    var pureAgain = Series("    pure Stoplight.evaluate, same copy again")
    var moment = now
    for run in 1...options.runs {
        moment = now + Int64(run) * 86_400
        var copy = keeper.stoplight
        let (_, pureSeconds) = timed { copy.evaluate(at: moment) }
        pure.values.append(pureSeconds)
        let (_, againSeconds) = timed { copy.evaluate(at: moment) }
        pureAgain.values.append(againSeconds)
        let (changes, seconds) = try timed { try keeper.evaluateAll(at: moment) }
        full.values.append(seconds)
        say("run \(run): evaluateAll(+\(run)d) \(show(seconds)) (\(changes.count) changes) | pure evaluate \(show(pureSeconds)), again \(show(againSeconds))")
    }
    say("")

    // (b) One new signal for a random existing resident: ingest (one-line CSV in memory) then catchUp.
    var generator = SplitMix(seed: options.seed &+ 0x5eed)
    let ids = keeper.stoplight.casebook.residents.keys.sorted()
    let types = ["overlast.geluid", "overlast.agressie", "waarneming.verwaarlozing", "zorg.geweigerd", "veiligheid.politie"]
    var catchUp = Series("(b) catchUp after one new signal")
    var ingestOnly = Series("    ingest of the one-line feed")
    var both = Series("    ingest + catchUp")
    var changed = 0
    for sample in 0..<options.samples {
        let id = ids[Int(generator.next() % UInt64(ids.count))]
        guard let resident = keeper.stoplight.casebook.residents[id] else { continue }
        let at = moment + Int64(sample + 1) * 10
        let type = types[sample % types.count]
        let line = "source,id,type,occurred_at,resident\nbench,B\(getpid())-\(sample),\(type),\(isoUTC(at - 5)),\(resident.facts.reference)\n"
        let start = nanos()
        let ingestReport = try environment.ingestor.ingest(
            Ingestor.Input(source: MemorySource(line), name: "bench.csv", format: .csv, channel: .socket), now: at)
        let middle = nanos()
        let changes = try keeper.catchUp(at: at)
        let end = nanos()
        guard ingestReport.counts.accepted == 1 else { throw BenchError("sample \(sample): the signal was not accepted: \(ingestReport.problems)") }
        guard keeper.stoplight.casebook.residents[id]?.signals.last?.reference == "bench:B\(getpid())-\(sample)" else {
            throw BenchError("sample \(sample): the new signal did not reach the casebook")
        }
        changed += changes.isEmpty ? 0 : 1
        ingestOnly.values.append(Double(middle - start) / 1e9)
        catchUp.values.append(Double(end - middle) / 1e9)
        both.values.append(Double(end - start) / 1e9)
    }
    say("(b): \(options.samples) samples, \(changed) of them changed a level")
    say("")

    // Where the time of a full step goes: the keeper's step redone piece by piece with the public API.
    var parts: [Series] = []
    if options.breakdown {
        var refreshSeries = Series("    breakdown: AppDatabase.refresh")
        var evaluateSeries = Series("    breakdown: Stoplight.evaluate (all)")
        var forgetSeries = Series("    breakdown: Casebook.forget")
        var unsavedSeries = Series("    breakdown: takeUnsaved")
        var saveSeries = Series("    breakdown: saveEvaluation")
        var catchRefresh = Series("    breakdown (b): AppDatabase.refresh, nothing new")
        var catchEvaluate = Series("    breakdown (b): evaluate 1 resident + building")
        var stoplight = keeper.stoplight
        var marks = CasebookMarks(registryID: try environment.database.engineClock()?.lastRegistryID ?? 0)
        _ = try environment.database.refresh(&stoplight.casebook, marks: &marks, calendar: calendar, since: moment - stoplight.policy.lookBack.seconds)
        var savedChanges = 0
        for run in 1...options.runs {
            let at = moment + Int64(run) * 86_400
            let since = at - stoplight.policy.lookBack.seconds
            let (_, refreshSeconds) = try timed {
                try environment.database.refresh(&stoplight.casebook, marks: &marks, calendar: calendar, since: since)
            }
            let (changes, evaluateSeconds) = timed { stoplight.evaluate(at: at) }
            let (_, forgetSeconds) = timed { stoplight.casebook.forget(before: since) }
            let (unsaved, unsavedSeconds) = timed { stoplight.takeUnsaved() }
            let clock = EngineClock(evaluatedAt: stoplight.evaluatedAt, lastSignalID: stoplight.casebook.lastSignalID, lastRegistryID: marks.registryID)
            let (_, saveSeconds) = try timed { try environment.database.saveEvaluation(states: unsaved, changes: changes, clock: clock) }
            savedChanges += changes.count
            refreshSeries.values.append(refreshSeconds)
            evaluateSeries.values.append(evaluateSeconds)
            forgetSeries.values.append(forgetSeconds)
            unsavedSeries.values.append(unsavedSeconds)
            saveSeries.values.append(saveSeconds)
            say("breakdown run \(run): refresh \(show(refreshSeconds)), evaluate \(show(evaluateSeconds)) (\(changes.count) changes), forget \(show(forgetSeconds)), takeUnsaved \(show(unsavedSeconds)) (\(unsaved.count) states), save \(show(saveSeconds))")
            // The catch-up pieces: a refresh with nothing new, and evaluating one resident (and so its building).
            for sample in 0..<20 {
                let (_, seconds) = try timed {
                    try environment.database.refresh(&stoplight.casebook, marks: &marks, calendar: calendar, since: since)
                }
                catchRefresh.values.append(seconds)
                let one: Set<Int64> = [ids[(run * 20 + sample) * 7_919 % ids.count]]
                let (_, evaluateOne) = timed { stoplight.evaluate(residents: one, at: at + Int64(sample)) }
                catchEvaluate.values.append(evaluateOne)
            }
        }
        firstParts += pureParts(stoplight, at: moment + Int64(options.runs + 1) * 86_400, label: "at a later day")
        parts = [refreshSeries, evaluateSeries, forgetSeries, unsavedSeries, saveSeries, catchRefresh, catchEvaluate]
        say("")
    }

    // Summary.
    say("== summary (\(options.residents) residents, \(options.buildings) buildings, \(options.months) months; \(stored.signals) signals stored) ==")
    say("setup: openLevels \(show(openSeconds)); first evaluateAll \(show(firstSeconds))")
    report(full)
    report(pure)
    report(pureAgain)
    report(catchUp, p99: true)
    report(ingestOnly, p99: true)
    report(both, p99: true)
    for part in parts { report(part) }
    for line in firstParts { say("    " + line) }
    say(String(format: "peak RSS (VmHWM, measurements only): %.0f MiB; RSS now %.0f MiB", memory("VmHWM"), memory("VmRSS")))
    let aVerdict = full.median < 1 ? "MET" : "NOT MET (\(String(format: "%.1f", full.median / 1)) × the target)"
    let bVerdict = catchUp.median < 0.001 ? "MET" : "NOT MET (\(String(format: "%.1f", catchUp.median / 0.001)) × the target)"
    let cVerdict = both.median < 0.001 ? "met" : "not met"
    say("target (a) full re-evaluation after a one-day clock jump < 1 s: median \(show(full.median)) — \(aVerdict)")
    say("target (b) new signal to new level < 1 ms median: catchUp median \(show(catchUp.median)) — \(bVerdict); with ingest \(show(both.median)) — \(cVerdict)")
}

/// Times the parts of a full pure evaluation through the public API: sorting the keys, assessing
/// every live resident, assessing every building (without hysteresis or remembering states).
func pureParts(_ stoplight: Stoplight, at moment: Int64, label: String) -> [String] {
    let (keys, sortSeconds) = timed { stoplight.casebook.residents.keys.sorted() }
    let (live, liveSeconds) = timed { keys.filter { stoplight.states[.resident($0)] != nil || !(stoplight.casebook.residents[$0]?.signals.isEmpty ?? true) } }
    var fired = 0
    let (_, residentSeconds) = timed {
        for id in live { fired += stoplight.assessment(ofResident: id, at: moment)?.fired.count ?? 0 }
    }
    let buildings = stoplight.casebook.buildings.keys.sorted()
    var households = 0
    let (_, buildingSeconds) = timed {
        for id in buildings { households += stoplight.assessment(ofBuilding: id, at: moment)?.households ?? 0 }
    }
    let line = "pure parts \(label): sort \(keys.count) resident keys \(show(sortSeconds)), find \(live.count) live \(show(liveSeconds)), assess them \(show(residentSeconds)) (\(show(residentSeconds / Double(max(live.count, 1)))) each), assess \(buildings.count) buildings \(show(buildingSeconds)) (\(show(buildingSeconds / Double(max(buildings.count, 1)))) each, \(households) households living)"
    say("breakdown: " + line)
    return [line]
}

/// A small seeded generator, so samples pick the same residents every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
