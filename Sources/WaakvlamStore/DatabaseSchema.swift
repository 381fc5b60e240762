import GRDB

/// The numbered migrations. A migration that has shipped is never edited.
enum DatabaseSchema {
    /// The household index of signals as migration v1 creates it. A first load into an empty
    /// store drops it and builds it once at the end (``AppDatabase/endFirstLoad(_:)``);
    /// a migration that changes the index must change this text with it.
    static let householdIndex = "CREATE INDEX IF NOT EXISTS signal_by_resident ON signal(resident_id, occurred_at) WHERE resident_id IS NOT NULL"
    static let dropHouseholdIndex = "DROP INDEX IF EXISTS signal_by_resident"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: registry, signals, ingest bookkeeping") { db in
            try db.execute(sql: "PRAGMA application_id = \(AppDatabase.applicationID)")
            try db.execute(sql: """
                CREATE TABLE building (
                    id INTEGER PRIMARY KEY,
                    ref TEXT NOT NULL UNIQUE,
                    name TEXT,
                    units INTEGER CHECK (units >= 0),
                    neighbourhood TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE unit (
                    id INTEGER PRIMARY KEY,
                    building_id INTEGER NOT NULL REFERENCES building(id),
                    ref TEXT NOT NULL,
                    UNIQUE (building_id, ref)
                );
                CREATE TABLE resident (
                    id INTEGER PRIMARY KEY,
                    ref TEXT NOT NULL UNIQUE,
                    building_id INTEGER REFERENCES building(id),
                    unit_id INTEGER REFERENCES unit(id),
                    neighbourhood TEXT,
                    minors INTEGER CHECK (minors >= 0),
                    origin TEXT CHECK (origin IN ('bw', 'mo', 'kliniek', 'jeugdzorg', 'regulier')),
                    moved_in TEXT,
                    moved_out TEXT,
                    support TEXT CHECK (support IN ('geen', 'ambulant', 'intensief')),
                    support_until TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX resident_by_building ON resident(building_id);
                CREATE TABLE registry_history (
                    id INTEGER PRIMARY KEY,
                    resident_id INTEGER NOT NULL REFERENCES resident(id),
                    building_id INTEGER NOT NULL REFERENCES building(id),
                    unit_id INTEGER REFERENCES unit(id),
                    neighbourhood TEXT,
                    minors INTEGER,
                    origin TEXT,
                    moved_in TEXT,
                    moved_out TEXT,
                    support TEXT,
                    support_until TEXT,
                    recorded_at INTEGER NOT NULL
                );
                CREATE INDEX registry_history_by_resident ON registry_history(resident_id, recorded_at);
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    first_seen_at INTEGER NOT NULL,
                    last_ingest_at INTEGER NOT NULL
                );
                CREATE TABLE signal (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    external_id TEXT NOT NULL,
                    type TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    date_only INTEGER NOT NULL CHECK (date_only IN (0, 1)),
                    resident_id INTEGER REFERENCES resident(id),
                    building_id INTEGER REFERENCES building(id),
                    unit TEXT,
                    reporter TEXT,
                    amount_cents INTEGER CHECK (amount_cents >= 0),
                    days_overdue INTEGER CHECK (days_overdue >= 0),
                    note TEXT CHECK (length(note) <= 280),
                    is_repeat INTEGER NOT NULL DEFAULT 0 CHECK (is_repeat IN (0, 1)),
                    received_at INTEGER NOT NULL,
                    CHECK (resident_id IS NOT NULL OR building_id IS NOT NULL),
                    UNIQUE (source_id, external_id)
                );
                \(householdIndex);
                -- Signals about a household reach its building through resident.building_id;
                -- only building-only signals need their own index.
                CREATE INDEX signal_by_building ON signal(building_id, occurred_at) WHERE building_id IS NOT NULL AND resident_id IS NULL;
                CREATE TABLE ingest_run (
                    id INTEGER PRIMARY KEY,
                    channel TEXT NOT NULL CHECK (channel IN ('command', 'spool', 'socket')),
                    input TEXT NOT NULL,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER,
                    accepted INTEGER NOT NULL DEFAULT 0,
                    duplicates INTEGER NOT NULL DEFAULT 0,
                    repeats INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    last_line INTEGER NOT NULL DEFAULT 0,
                    rejected_file TEXT,
                    rejected_bytes INTEGER NOT NULL DEFAULT 0,
                    rejected_error_bytes INTEGER NOT NULL DEFAULT 0,
                    resume_key TEXT UNIQUE
                );
                """)
        }
        migrator.registerMigration("v2: stoplight levels and their changes") { db in
            try db.execute(sql: """
                -- The engine's memory of each subject that is not quietly green (resident) or
                -- without a colour (building). A restart continues from here exactly.
                CREATE TABLE subject_state (
                    subject_type TEXT NOT NULL CHECK (subject_type IN ('resident', 'building')),
                    subject_id INTEGER NOT NULL,
                    level TEXT CHECK (level IN ('green', 'amber', 'red')),
                    since INTEGER NOT NULL,
                    score REAL NOT NULL,
                    rules TEXT NOT NULL,
                    amber_or_lower_since INTEGER,
                    green_since INTEGER,
                    peak TEXT NOT NULL CHECK (peak IN ('green', 'amber', 'red')),
                    recovered_at INTEGER,
                    rule_since TEXT NOT NULL,
                    evaluated_at INTEGER NOT NULL,
                    PRIMARY KEY (subject_type, subject_id)
                ) WITHOUT ROWID;
                -- Every level change with its reasons; notices are made from these.
                CREATE TABLE level_change (
                    id INTEGER PRIMARY KEY,
                    subject_type TEXT NOT NULL CHECK (subject_type IN ('resident', 'building')),
                    subject_id INTEGER NOT NULL,
                    at INTEGER NOT NULL,
                    from_level TEXT,
                    to_level TEXT,
                    score REAL NOT NULL,
                    rules TEXT NOT NULL,
                    signals TEXT NOT NULL
                );
                CREATE INDEX level_change_by_subject ON level_change(subject_type, subject_id, at);
                -- When the engine last evaluated, and the last signal it has taken in.
                CREATE TABLE engine_clock (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    evaluated_at INTEGER NOT NULL,
                    last_signal_id INTEGER NOT NULL,
                    last_registry_id INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3: a log of building changes") { db in
            // The engine takes in new and changed building records after each ingest. Timestamps
            // have whole seconds and a feed re-sends unchanged buildings, so triggers log real
            // changes in order, the way registry_history logs households.
            try db.execute(sql: """
                CREATE TABLE building_change (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    building_id INTEGER NOT NULL
                );
                CREATE TRIGGER building_inserted AFTER INSERT ON building
                BEGIN
                    INSERT INTO building_change (building_id) VALUES (new.id);
                END;
                CREATE TRIGGER building_updated AFTER UPDATE OF ref, units, neighbourhood, name ON building
                WHEN old.ref IS NOT new.ref OR old.units IS NOT new.units OR old.neighbourhood IS NOT new.neighbourhood OR old.name IS NOT new.name
                BEGIN
                    INSERT INTO building_change (building_id) VALUES (new.id);
                END;
                """)
        }
        migrator.registerMigration("v4: notices, follow-up and audit") { db in
            // The outbox: a notice is written in the same transaction as the level change behind it;
            // delivery to the notice log reads from here and marks what it wrote.
            try db.execute(sql: """
                CREATE TABLE notice (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('escalation', 'de-escalation', 'overdue', 'reminder', 'building', 'feedback')),
                    subject_type TEXT NOT NULL CHECK (subject_type IN ('resident', 'building', 'reporter')),
                    subject_id INTEGER NOT NULL,
                    subject_ref TEXT NOT NULL,
                    from_level TEXT,
                    to_level TEXT,
                    score REAL NOT NULL,
                    rules TEXT NOT NULL,
                    signals TEXT NOT NULL,
                    route TEXT NOT NULL,
                    rung INTEGER NOT NULL DEFAULT 0,
                    deadline INTEGER,
                    change_id INTEGER REFERENCES level_change(id),
                    parent_id INTEGER REFERENCES notice(id),
                    delivered_at INTEGER,
                    acked_at INTEGER,
                    acked_by TEXT,
                    ack_note TEXT CHECK (length(ack_note) <= 280),
                    snoozed_at INTEGER,
                    snoozed_until INTEGER,
                    snooze_reason TEXT CHECK (length(snooze_reason) <= 280),
                    resolved_at INTEGER,
                    resolved_by TEXT
                );
                CREATE INDEX notice_undelivered ON notice(id) WHERE delivered_at IS NULL;
                CREATE INDEX notice_open ON notice(deadline) WHERE acked_at IS NULL AND resolved_at IS NULL AND deadline IS NOT NULL;
                CREATE INDEX notice_by_subject ON notice(subject_type, subject_id, at);
                -- An outreach worker's contact attempts with a household.
                CREATE TABLE contact (
                    id INTEGER PRIMARY KEY,
                    resident_id INTEGER NOT NULL REFERENCES resident(id),
                    at INTEGER NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('visit', 'phone', 'letter')),
                    reached INTEGER NOT NULL CHECK (reached IN (0, 1)),
                    by TEXT,
                    note TEXT CHECK (length(note) <= 280)
                );
                CREATE INDEX contact_by_resident ON contact(resident_id, at);
                -- Every read of a person's details and every digest: who, when, what.
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    who TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL
                );
                CREATE INDEX audit_by_time ON audit(at);
                """)
        }
        migrator.registerMigration("v5: purge runs") { db in
            // Each application of the retention periods, with what it deleted (a dry run counts
            // what it would delete). Counts are updated in the transaction of each batch, so a
            // purge cut off half-way still records exactly what was deleted.
            try db.execute(sql: """
                CREATE TABLE purge_run (
                    id INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    trigger TEXT NOT NULL CHECK (trigger IN ('daemon', 'command')),
                    who TEXT NOT NULL,
                    dry_run INTEGER NOT NULL CHECK (dry_run IN (0, 1)),
                    households INTEGER NOT NULL DEFAULT 0,
                    signals INTEGER NOT NULL DEFAULT 0,
                    registry_entries INTEGER NOT NULL DEFAULT 0,
                    contacts INTEGER NOT NULL DEFAULT 0,
                    subject_states INTEGER NOT NULL DEFAULT 0,
                    level_changes INTEGER NOT NULL DEFAULT 0,
                    notices INTEGER NOT NULL DEFAULT 0,
                    audit_records INTEGER NOT NULL DEFAULT 0,
                    finished_at INTEGER
                );
                -- A level change is purged only when no kept notice refers to it.
                CREATE INDEX notice_by_change ON notice(change_id) WHERE change_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v6: rule-change summaries to teams") { db in
            // A reload that changes levels tells each team once (kind 'rule-change', subject the
            // team). SQLite cannot change a CHECK, so the table is rebuilt with its rows and ids.
            try db.execute(sql: """
                CREATE TABLE notice_new (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('escalation', 'de-escalation', 'overdue', 'reminder', 'building', 'feedback', 'rule-change')),
                    subject_type TEXT NOT NULL CHECK (subject_type IN ('resident', 'building', 'reporter', 'team')),
                    subject_id INTEGER NOT NULL,
                    subject_ref TEXT NOT NULL,
                    from_level TEXT,
                    to_level TEXT,
                    score REAL NOT NULL,
                    rules TEXT NOT NULL,
                    signals TEXT NOT NULL,
                    route TEXT NOT NULL,
                    rung INTEGER NOT NULL DEFAULT 0,
                    deadline INTEGER,
                    change_id INTEGER REFERENCES level_change(id),
                    parent_id INTEGER REFERENCES notice(id),
                    delivered_at INTEGER,
                    acked_at INTEGER,
                    acked_by TEXT,
                    ack_note TEXT CHECK (length(ack_note) <= 280),
                    snoozed_at INTEGER,
                    snoozed_until INTEGER,
                    snooze_reason TEXT CHECK (length(snooze_reason) <= 280),
                    resolved_at INTEGER,
                    resolved_by TEXT
                );
                INSERT INTO notice_new SELECT * FROM notice;
                INSERT INTO sqlite_sequence (name, seq) SELECT 'notice_new', seq FROM sqlite_sequence WHERE name = 'notice'
                    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'notice_new');
                UPDATE sqlite_sequence SET seq = max(seq, (SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'notice'))
                    WHERE name = 'notice_new';
                DROP TABLE notice;
                ALTER TABLE notice_new RENAME TO notice;
                CREATE INDEX notice_undelivered ON notice(id) WHERE delivered_at IS NULL;
                CREATE INDEX notice_open ON notice(deadline) WHERE acked_at IS NULL AND resolved_at IS NULL AND deadline IS NOT NULL;
                CREATE INDEX notice_by_subject ON notice(subject_type, subject_id, at);
                CREATE INDEX notice_by_change ON notice(change_id) WHERE change_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7: where each signal was first seen") { db in
            // A later row with the same key and other content is refused naming this line when it
            // comes in the same run, without the run holding every key it read in memory.
            try db.execute(sql: """
                ALTER TABLE signal ADD COLUMN ingest_run_id INTEGER;
                ALTER TABLE signal ADD COLUMN line INTEGER;
                """)
        }
        migrator.registerMigration("v8: repeat marks re-decided after a late arrears row") { db in
            // A report or closing signal arriving after newer reports can change their repeat marks;
            // the engine reads this log to take the new marks in, as it reads building_change.
            try db.execute(sql: """
                CREATE TABLE repeat_change (
                    id INTEGER PRIMARY KEY,
                    signal_id INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
