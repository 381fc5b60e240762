import WaakvlamCore
import WaakvlamRules
import WaakvlamStore

extension LevelKeeper {
    /// Applies the retention periods at `now` and then forgets, in memory, every household that
    /// is no longer in the store — those this purge deleted and those a `waakvlam purge` run
    /// from the command line deleted since the last one.
    ///
    /// The engine is held for the whole purge, so no evaluation can write a state, level change
    /// or notice for a household while it is being deleted; ingest goes on between the batches.
    public func purge(retention: RetentionSettings, at now: Int64, trigger: PurgeTrigger, who: String) throws -> PurgeCounts {
        try engine.withLock { engine in
            let cutoffs = PurgeCutoffs(retention: retention, lookBack: engine.stoplight.policy.lookBack, calendar: calendar, now: now)
            let counts = try database.purge(cutoffs, at: now, dryRun: false, trigger: trigger, who: who)
            let stored = try database.residentIDs()
            for id in engine.stoplight.casebook.residents.keys where !stored.contains(id) {
                engine.stoplight.forget(resident: id)
            }
            try database.deleteStatesOfMissingResidents()
            return counts
        }
    }
}
