//! The embedded database's schema in versions (`PRAGMA user_version`, kept by
//! rusqlite_migration): a database an older runner made is brought up to date when it is
//! opened, in one transaction per version.

use rusqlite::{params, Transaction};
use rusqlite_migration::{HookResult, Migrations, M};

use oys_shared::case_record::CaseSummary;
use oys_shared::casework::{CaseListing, CaseState};

/// Every version, oldest first. A change to the schema is a new entry, never an edit.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        // 1 and 2: the store and the queue as they were before versions were kept (IF NOT
        // EXISTS, so such a database, at version 0 with the tables already there, passes).
        M::up(STORE_V1),
        M::up(QUEUE_V1),
        // 3: each case's listing stored whole, as the use cases hand it to the adapter.
        M::up_with_hook("ALTER TABLE case_states ADD COLUMN listing TEXT;", list_existing_cases),
        // 4: the transactional outbox, drained by the runner's dispatcher (`dispatch`). A
        // database from before it has its reports' pending deliveries, which the sweeper finishes.
        M::up(OUTBOX_V4),
    ])
}

/// Version 3's one backfill: the cases stored before listings were handed in get theirs, worked
/// out as the use cases do (`CaseListing::of`). The only domain call in the adapters, once per
/// old database (the architecture test names this file as the exception).
fn list_existing_cases(tx: &Transaction) -> HookResult {
    let unlisted: Vec<(String, String, String)> = {
        let mut statement = tx.prepare(
            "SELECT s.reference, c.summary, s.state FROM case_states s JOIN cases c ON c.reference = s.reference
             WHERE s.listing IS NULL",
        )?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (reference, summary, state) in unlisted {
        let summary: CaseSummary = super::from_json(&summary)?;
        let state: CaseState = super::from_json(&state)?;
        let listing = CaseListing::of(&summary, &state);
        tx.execute(
            "UPDATE case_states SET listing = ?2, status = ?3 WHERE reference = ?1",
            params![reference, super::to_json(&listing), listing.status.as_str()],
        )?;
    }
    Ok(())
}

const OUTBOX_V4: &str = "
CREATE TABLE outbox (
    reference TEXT NOT NULL,
    id        TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (reference, id)
);
CREATE INDEX outbox_by_age ON outbox (at, id);
";

const STORE_V1: &str = "
CREATE TABLE IF NOT EXISTS cases (
    reference   TEXT PRIMARY KEY,
    report_id   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    pending     TEXT NOT NULL,
    sweep_after INTEGER
);
CREATE INDEX IF NOT EXISTS cases_pending_routing ON cases (sweep_after) WHERE sweep_after IS NOT NULL;
CREATE TABLE IF NOT EXISTS narratives (
    reference TEXT PRIMARY KEY REFERENCES cases (reference),
    narrative TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contacts (
    reference TEXT PRIMARY KEY REFERENCES cases (reference),
    contact   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS effects (
    reference TEXT NOT NULL REFERENCES cases (reference),
    key       TEXT NOT NULL,
    effect    TEXT NOT NULL,
    PRIMARY KEY (reference, key)
);
CREATE TABLE IF NOT EXISTS effect_claims (
    reference   TEXT NOT NULL,
    key         TEXT NOT NULL,
    lease_until INTEGER NOT NULL,
    PRIMARY KEY (reference, key)
);
CREATE TABLE IF NOT EXISTS proposals (
    reference TEXT PRIMARY KEY REFERENCES cases (reference),
    proposal  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deadlines (
    reference     TEXT NOT NULL REFERENCES cases (reference),
    kind          TEXT NOT NULL,
    deadline      TEXT NOT NULL,
    next_alert_at INTEGER,
    PRIMARY KEY (reference, kind)
);
CREATE INDEX IF NOT EXISTS deadlines_due ON deadlines (next_alert_at) WHERE next_alert_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS partner_caseloads (
    partner_id TEXT PRIMARY KEY,
    open_cases INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS case_states (
    reference   TEXT PRIMARY KEY REFERENCES cases (reference),
    state       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    shared_with TEXT,
    expires_at  INTEGER
);
CREATE INDEX IF NOT EXISTS case_states_status ON case_states (status);
CREATE INDEX IF NOT EXISTS case_states_shared_with ON case_states (shared_with) WHERE shared_with IS NOT NULL;
CREATE INDEX IF NOT EXISTS case_states_expiring ON case_states (expires_at) WHERE expires_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS case_events (
    reference TEXT NOT NULL REFERENCES cases (reference),
    id        TEXT NOT NULL,
    at_ms     INTEGER NOT NULL,
    event     TEXT NOT NULL,
    PRIMARY KEY (reference, id)
);
CREATE TABLE IF NOT EXISTS audit (
    reference TEXT NOT NULL,
    id        TEXT NOT NULL,
    at_ms     INTEGER NOT NULL,
    entry     TEXT NOT NULL,
    PRIMARY KEY (reference, id)
);
-- The audit trail is append-only.
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TABLE IF NOT EXISTS stats_counts (
    month TEXT NOT NULL,
    key   TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (month, key)
);
CREATE TABLE IF NOT EXISTS stats_published (
    month     TEXT PRIMARY KEY,
    published TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS staff_sessions (
    key        TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS receipts (
    reference TEXT PRIMARY KEY REFERENCES cases (reference),
    hash      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failed_attempts (
    key        TEXT PRIMARY KEY,
    count      INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    key_hash   TEXT PRIMARY KEY,
    record     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
";

const QUEUE_V1: &str = "
CREATE TABLE IF NOT EXISTS queue_messages (
    id            TEXT PRIMARY KEY,
    queue         TEXT NOT NULL,
    body          TEXT NOT NULL,
    sent_at_ms    INTEGER NOT NULL,
    visible_at_ms INTEGER NOT NULL,
    receive_count INTEGER NOT NULL DEFAULT 0,
    receipt       TEXT
);
CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at_ms);
";

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn every_version_applies_to_a_new_database() {
        migrations().validate().expect("the migrations apply in order");
    }

    #[test]
    fn a_database_from_before_versions_keeps_its_cases_and_gets_their_listings() {
        // A runner from before versions were kept: its tables, user_version 0, a case stored.
        let mut connection = Connection::open_in_memory().unwrap();
        connection.execute_batch(STORE_V1).unwrap();
        connection.execute_batch(QUEUE_V1).unwrap();
        let now = "2026-11-24T10:00:00Z".parse().unwrap();
        let body = serde_json::from_str(include_str!("../../../events/report-full.json")).unwrap();
        let report = oys_shared::report::parse_report(&body, now, oys_shared::report::Submitter::Public).unwrap();
        let reference = oys_shared::Reference::from_entropy(7);
        let summary =
            oys_shared::case_record::split_report(report, uuid::Uuid::new_v4(), reference.clone(), now).summary;
        let state = CaseState::default();
        connection
            .execute(
                "INSERT INTO cases (reference, report_id, summary, pending) VALUES (?1, ?2, ?3, '[]')",
                params![reference.as_str(), summary.report_id.to_string(), crate::to_json(&summary)],
            )
            .unwrap();
        connection
            .execute(
                "INSERT INTO case_states (reference, state, version, status) VALUES (?1, ?2, 0, 'stale')",
                params![reference.as_str(), crate::to_json(&state)],
            )
            .unwrap();

        migrations().to_latest(&mut connection).unwrap();
        let (listing, status): (String, String) = connection
            .query_row("SELECT listing, status FROM case_states WHERE reference = ?1", [reference.as_str()], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        let expected = CaseListing::of(&summary, &state);
        assert_eq!(crate::from_json::<CaseListing>(&listing).unwrap(), expected);
        assert_eq!(status, expected.status.as_str());
        // Opened again: nothing more to do.
        migrations().to_latest(&mut connection).unwrap();
    }
}
