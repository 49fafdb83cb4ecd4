//! The report store on SQLite, with the same layout and rules as the DynamoDB one:
//! summary, narrative and contact in separate tables; the pending-routing "index" is the
//! `sweep_after` column, set only while deliveries are owed.

use async_trait::async_trait;
use jiff::Timestamp;
use rusqlite::{params, OptionalExtension, TransactionBehavior};

use oys_shared::case_record::{CaseSummary, ContactDetails, Narrative};
use oys_shared::routing::Delivery;
use oys_shared::Reference;

use super::{from_json, to_json, Db};
use std::collections::HashMap;

use oys_shared::advocate::Proposal;

use oys_shared::casework::{CaseListing, CaseState};

use oys_application::ports::{
    Assignments, AuditTrail, CaseChange, CaseFilter, Cases, CreateOutcome, Deadlines, EffectClaim, Effects, Erasure,
    FollowUps, NewReport, PersonalData, PortError, Reports, RoutingState, StaffSessions, Statistics, StoredReport,
};
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::deadlines::Deadline;
use oys_shared::effects::{DeliveryStatus, EffectRecord};
use oys_shared::routing::IdempotencyRecord;
use oys_shared::staff_session::{PendingSignIn, StaffSession};
use oys_shared::statistics::CountChange;
use oys_shared::statistics::{MonthCounts, PublishedMonth};

/// The reminder job's query: through the partial index `deadlines_due`, never a table scan
/// (the tests check SQLite's query plan for it).
pub const DEADLINES_DUE_SQL: &str =
    "SELECT deadline FROM deadlines WHERE next_alert_at IS NOT NULL AND next_alert_at <= ?1 \
     ORDER BY next_alert_at LIMIT ?2";

pub struct EmbeddedStore {
    db: Db,
}

impl EmbeddedStore {
    /// The store on a connection the queue shares.
    pub(crate) fn on(db: Db) -> Self {
        EmbeddedStore { db }
    }
}

#[async_trait]
impl Reports for EmbeddedStore {
    async fn create_report(&self, report: &NewReport, now: Timestamp) -> Result<CreateOutcome, PortError> {
        let report = report.clone();
        self.db
            .run("create report", move |connection| {
                // On a blocking-pool thread: the capture must see it too.
                oys_application::leak_canary!("adapter_blocking_thread", &report.narrative.description);
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                if let Some(record) = &report.idempotency {
                    let earlier: Option<String> = tx
                        .query_row(
                            "SELECT record FROM idempotency WHERE key_hash = ?1 AND expires_at >= ?2",
                            params![record.key_hash, now.as_second()],
                            |row| row.get(0),
                        )
                        .optional()?;
                    if let Some(earlier) = earlier {
                        return Ok(CreateOutcome::IdempotencyKeyUsed(from_json::<IdempotencyRecord>(&earlier)?));
                    }
                }
                let reference = report.summary.reference.to_string();
                let taken: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM cases WHERE reference = ?1)", [&reference], |row| row.get(0))?;
                if taken {
                    return Ok(CreateOutcome::ReferenceTaken);
                }
                let sweep_after = (!report.pending.is_empty()).then(|| report.sweep_after.as_second());
                tx.execute(
                    "INSERT INTO cases (reference, report_id, summary, pending, sweep_after) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        reference,
                        report.summary.report_id.to_string(),
                        to_json(&report.summary),
                        to_json(&report.pending),
                        sweep_after
                    ],
                )?;
                tx.execute(
                    "INSERT INTO narratives (reference, narrative) VALUES (?1, ?2)",
                    params![reference, to_json(&report.narrative)],
                )?;
                if let Some(contact) = &report.contact {
                    tx.execute("INSERT INTO contacts (reference, contact) VALUES (?1, ?2)", params![reference, to_json(contact)])?;
                }
                apply_count(&tx, &report.count)?;
                let state = &report.state;
                tx.execute(
                    "INSERT INTO case_states (reference, state, version, status, expires_at, listing)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        reference,
                        to_json(state),
                        state.version as i64,
                        report.listing.status.as_str(),
                        state.personal_data_expires_at.map(|t| t.as_second()),
                        to_json(&report.listing)
                    ],
                )?;
                if let Some(record) = &report.idempotency {
                    tx.execute(
                        "INSERT OR REPLACE INTO idempotency (key_hash, record, expires_at) VALUES (?1, ?2, ?3)",
                        params![record.key_hash, to_json(record), record.expires_at.as_second()],
                    )?;
                }
                tx.commit()?;
                Ok(CreateOutcome::Created)
            })
            .await
    }

    async fn get_report(&self, reference: &Reference) -> Result<Option<StoredReport>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("get report", move |connection| {
                let case: Option<(String, String)> = connection
                    .query_row("SELECT summary, pending FROM cases WHERE reference = ?1", [&reference], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .optional()?;
                let Some((summary, pending)) = case else {
                    return Ok(None);
                };
                let narrative: Option<String> = connection
                    .query_row("SELECT narrative FROM narratives WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()?;
                let contact: Option<String> = connection
                    .query_row("SELECT contact FROM contacts WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()?;
                let state: Option<String> = connection
                    .query_row("SELECT state FROM case_states WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()?;
                Ok(Some(StoredReport {
                    summary: from_json::<CaseSummary>(&summary)?,
                    narrative: narrative.as_deref().map(from_json::<Narrative>).transpose()?,
                    contact: contact.as_deref().map(from_json::<ContactDetails>).transpose()?,
                    pending: from_json::<Vec<Delivery>>(&pending)?,
                    state: state.as_deref().map(from_json::<CaseState>).transpose()?.unwrap_or_default(),
                }))
            })
            .await
    }

    async fn set_pending(
        &self,
        reference: &Reference,
        expected: &[Delivery],
        remaining: &[Delivery],
        now: Timestamp,
    ) -> Result<bool, PortError> {
        let (reference, expected, remaining) = (reference.to_string(), to_json(&expected), to_json(&remaining));
        self.db
            .run("record deliveries", move |connection| {
                // With nothing left the case leaves the pending-routing index; with something
                // left it stays in it, or comes back due now.
                let changed = connection.execute(
                    "UPDATE cases SET pending = ?2,
                         sweep_after = CASE WHEN ?2 = '[]' THEN NULL ELSE COALESCE(sweep_after, ?4) END
                     WHERE reference = ?1 AND pending = ?3",
                    params![reference, remaining, expected, now.as_second()],
                )?;
                if changed == 1 {
                    return Ok(true);
                }
                let exists = connection
                    .query_row("SELECT 1 FROM cases WHERE reference = ?1", [&reference], |_| Ok(()))
                    .optional()?;
                match exists {
                    Some(()) => Ok(false),
                    None => Err(rusqlite::Error::QueryReturnedNoRows),
                }
            })
            .await
    }

    async fn due_for_sweep(&self, now: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        self.db
            .run("find reports pending routing", move |connection| {
                let mut statement = connection.prepare(
                    "SELECT reference FROM cases WHERE sweep_after IS NOT NULL AND sweep_after <= ?1 ORDER BY sweep_after LIMIT ?2",
                )?;
                let references = statement
                    .query_map(params![now.as_second(), limit as i64], |row| row.get::<_, String>(0))?
                    .filter_map(|r| r.ok().and_then(|s| Reference::parse(&s)))
                    .collect();
                Ok(references)
            })
            .await
    }

    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<RoutingState>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("claim report for sweep", move |connection| {
                let claimed: Option<(String, String)> = connection
                    .query_row(
                        "UPDATE cases SET sweep_after = ?3 WHERE reference = ?1 AND sweep_after IS NOT NULL AND sweep_after <= ?2
                         RETURNING summary, pending",
                        params![reference, now.as_second(), lease_until.as_second()],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()?;
                claimed
                    .map(|(summary, pending)| {
                        Ok(RoutingState { summary: from_json(&summary)?, pending: from_json(&pending)? })
                    })
                    .transpose()
            })
            .await
    }
}

#[async_trait]
impl Effects for EmbeddedStore {
    async fn record_effect(&self, reference: &Reference, effect: &EffectRecord) -> Result<bool, PortError> {
        let (reference, effect) = (reference.to_string(), effect.clone());
        self.db
            .run("record effect", move |connection| {
                let inserted = connection.execute(
                    "INSERT OR IGNORE INTO effects (reference, key, effect) VALUES (?1, ?2, ?3)",
                    params![reference, effect.key, to_json(&effect)],
                )?;
                Ok(inserted == 1)
            })
            .await
    }

    async fn claim_effect(
        &self,
        reference: &Reference,
        key: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<EffectClaim, PortError> {
        let (reference, key) = (reference.to_string(), key.to_string());
        self.db
            .run("claim effect", move |connection| {
                let changed = connection.execute(
                    "INSERT INTO effect_claims (reference, key, lease_until) VALUES (?1, ?2, ?3)
                     ON CONFLICT (reference, key) DO UPDATE SET lease_until = excluded.lease_until
                     WHERE effect_claims.lease_until < ?4",
                    params![reference, key, lease_until.as_second(), now.as_second()],
                )?;
                Ok(if changed == 1 { EffectClaim::Claimed } else { EffectClaim::Busy })
            })
            .await
    }

    async fn release_effect_claim(&self, reference: &Reference, key: &str) -> Result<(), PortError> {
        let (reference, key) = (reference.to_string(), key.to_string());
        self.db
            .run("release effect claim", move |connection| {
                connection
                    .execute("DELETE FROM effect_claims WHERE reference = ?1 AND key = ?2", params![reference, key])?;
                Ok(())
            })
            .await
    }

    async fn mark_undelivered(
        &self,
        reference: &Reference,
        key: &str,
        status: DeliveryStatus,
    ) -> Result<Option<EffectRecord>, PortError> {
        let (reference, key) = (reference.to_string(), key.to_string());
        self.db
            .run("mark effect undelivered", move |connection| {
                let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let before: Option<String> = transaction
                    .query_row(
                        "SELECT effect FROM effects WHERE reference = ?1 AND key = ?2",
                        params![reference, key],
                        |row| row.get(0),
                    )
                    .optional()?;
                let Some(before) = before else { return Ok(None) };
                let before: EffectRecord = from_json(&before)?;
                let after = EffectRecord { delivery: status, ..before.clone() };
                transaction.execute(
                    "UPDATE effects SET effect = ?3 WHERE reference = ?1 AND key = ?2",
                    params![reference, key, to_json(&after)],
                )?;
                transaction.commit()?;
                Ok(Some(before))
            })
            .await
    }

    async fn recorded(&self, reference: &Reference) -> Result<Vec<EffectRecord>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read effects", move |connection| {
                let mut statement = connection.prepare("SELECT effect FROM effects WHERE reference = ?1")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}

#[async_trait]
impl Deadlines for EmbeddedStore {
    async fn save_deadline(&self, deadline: &Deadline) -> Result<Deadline, PortError> {
        let deadline = deadline.clone();
        self.db
            .run("save deadline", move |connection| {
                let (reference, kind) = (deadline.reference.to_string(), deadline.slot());
                connection.execute(
                    "INSERT OR IGNORE INTO deadlines (reference, kind, deadline, next_alert_at) VALUES (?1, ?2, ?3, ?4)",
                    params![reference, kind, to_json(&deadline), deadline.next_alert_at.map(|t| t.as_second())],
                )?;
                let stored: String = connection.query_row(
                    "SELECT deadline FROM deadlines WHERE reference = ?1 AND kind = ?2",
                    params![reference, kind],
                    |r| r.get(0),
                )?;
                from_json(&stored)
            })
            .await
    }

    async fn deadlines_due(&self, before: Timestamp, limit: usize) -> Result<Vec<Deadline>, PortError> {
        self.db
            .run("find due deadlines", move |connection| {
                let mut statement = connection.prepare(DEADLINES_DUE_SQL)?;
                let rows =
                    statement.query_map(params![before.as_second(), limit as i64], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }

    async fn update_deadline(&self, deadline: &Deadline, expected_next: Option<Timestamp>) -> Result<bool, PortError> {
        let deadline = deadline.clone();
        self.db
            .run("update deadline", move |connection| {
                let changed = connection.execute(
                    "UPDATE deadlines SET deadline = ?3, next_alert_at = ?4
                     WHERE reference = ?1 AND kind = ?2 AND next_alert_at IS ?5",
                    params![
                        deadline.reference.to_string(),
                        deadline.slot(),
                        to_json(&deadline),
                        deadline.next_alert_at.map(|t| t.as_second()),
                        expected_next.map(|t| t.as_second())
                    ],
                )?;
                Ok(changed == 1)
            })
            .await
    }

    async fn for_case(&self, reference: &Reference) -> Result<Vec<Deadline>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read deadlines", move |connection| {
                let mut statement =
                    connection.prepare("SELECT deadline FROM deadlines WHERE reference = ?1 ORDER BY kind")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}

#[async_trait]
impl Cases for EmbeddedStore {
    async fn change_case(&self, reference: &Reference, change: &CaseChange) -> Result<bool, PortError> {
        let (reference, change) = (reference.to_string(), change.clone());
        self.db
            .run("change case", move |connection| {
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let changed = tx.execute(
                    "UPDATE case_states SET state = ?2, version = ?3, status = ?4, shared_with = ?5, expires_at = ?7,
                                            listing = ?8
                     WHERE reference = ?1 AND version = ?6",
                    params![
                        reference,
                        to_json(&change.state),
                        change.state.version as i64,
                        change.listing.status.as_str(),
                        change.state.shared_with(),
                        change.state.version as i64 - 1,
                        change.state.personal_data_expires_at.map(|t| t.as_second()),
                        to_json(&change.listing)
                    ],
                )?;
                if changed == 0 {
                    return Ok(false);
                }
                tx.execute(
                    "INSERT INTO case_events (reference, id, at_ms, event) VALUES (?1, ?2, ?3, ?4)",
                    params![reference, change.event.id, change.event.at.as_millisecond(), to_json(&change.event)],
                )?;
                for moved in &change.caseloads {
                    tx.execute(
                        "INSERT INTO partner_caseloads (partner_id, open_cases) VALUES (?1, ?2)
                         ON CONFLICT (partner_id) DO UPDATE SET open_cases = open_cases + ?2",
                        params![moved.partner_id, moved.delta],
                    )?;
                }
                if let Some(count) = &change.count {
                    apply_count(&tx, count)?;
                }
                if let Some(contact) = &change.contact {
                    tx.execute(
                        "INSERT INTO contacts (reference, contact) VALUES (?1, ?2)
                         ON CONFLICT (reference) DO UPDATE SET contact = excluded.contact",
                        params![reference, to_json(contact)],
                    )?;
                }
                if let Some(owed) = &change.owed {
                    let pending: String =
                        tx.query_row("SELECT pending FROM cases WHERE reference = ?1", [&reference], |row| row.get(0))?;
                    let mut pending = from_json::<Vec<Delivery>>(&pending)?;
                    for delivery in &owed.deliveries {
                        if !pending.contains(delivery) {
                            pending.push(*delivery);
                        }
                    }
                    tx.execute(
                        "UPDATE cases SET pending = ?2, sweep_after = ?3 WHERE reference = ?1",
                        params![reference, to_json(&pending), owed.sweep_after.as_second()],
                    )?;
                }
                tx.commit()?;
                Ok(true)
            })
            .await
    }

    async fn events(&self, reference: &Reference) -> Result<Vec<EventRecord>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read case events", move |connection| {
                let mut statement =
                    connection.prepare("SELECT event FROM case_events WHERE reference = ?1 ORDER BY at_ms, id")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }

    async fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseListing>, PortError> {
        let filter = filter.clone();
        self.db
            .run("list cases", move |connection| {
                let mut statement = connection.prepare(
                    "SELECT s.listing FROM case_states s JOIN cases c ON c.reference = s.reference
                     WHERE s.status IN (SELECT value FROM json_each(?1))
                       AND (?2 IS NULL OR s.shared_with = ?2)
                     ORDER BY c.rowid DESC LIMIT ?3",
                )?;
                let rows = statement
                    .query_map(params![to_json(&filter.statuses), filter.shared_with, filter.limit as i64], |row| {
                        row.get::<_, String>(0)
                    })?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}

#[async_trait]
impl Assignments for EmbeddedStore {
    async fn save_proposal(&self, proposal: &Proposal) -> Result<Proposal, PortError> {
        let proposal = proposal.clone();
        self.db
            .run("save proposal", move |connection| {
                let reference = proposal.reference.to_string();
                connection.execute(
                    "INSERT OR IGNORE INTO proposals (reference, proposal) VALUES (?1, ?2)",
                    params![reference, to_json(&proposal)],
                )?;
                let stored: String =
                    connection
                        .query_row("SELECT proposal FROM proposals WHERE reference = ?1", [&reference], |r| r.get(0))?;
                from_json(&stored)
            })
            .await
    }

    async fn proposal(&self, reference: &Reference) -> Result<Option<Proposal>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read proposal", move |connection| {
                let stored: Option<String> = connection
                    .query_row("SELECT proposal FROM proposals WHERE reference = ?1", [&reference], |r| r.get(0))
                    .optional()?;
                stored.as_deref().map(from_json).transpose()
            })
            .await
    }

    async fn partner_caseloads(&self) -> Result<HashMap<String, i64>, PortError> {
        self.db
            .run("read partner caseloads", move |connection| {
                let mut statement = connection.prepare("SELECT partner_id, open_cases FROM partner_caseloads")?;
                let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?)))?;
                rows.collect()
            })
            .await
    }
}

#[async_trait]
impl AuditTrail for EmbeddedStore {
    async fn append(&self, entry: &AuditEntry) -> Result<(), PortError> {
        let entry = entry.clone();
        self.db
            .run("append audit", move |connection| {
                connection.execute(
                    "INSERT INTO audit (reference, id, at_ms, entry) VALUES (?1, ?2, ?3, ?4)",
                    params![entry.reference.to_string(), entry.id, entry.at.as_millisecond(), to_json(&entry)],
                )?;
                Ok(())
            })
            .await
    }

    async fn entries(&self, reference: &Reference) -> Result<Vec<AuditEntry>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read audit", move |connection| {
                let mut statement =
                    connection.prepare("SELECT entry FROM audit WHERE reference = ?1 ORDER BY at_ms, id")?;
                let rows = statement.query_map([&reference], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }
}

#[async_trait]
impl PersonalData for EmbeddedStore {
    async fn erase_personal_data(&self, erasure: &Erasure) -> Result<bool, PortError> {
        let erasure = erasure.clone();
        self.db
            .run("erase personal data", move |connection| {
                let erased = erase(connection, &erasure)?;
                // secure_delete zeroes the freed pages; a checkpoint writes them to the database
                // file and empties the WAL, which still held the pages as they were.
                let _ = connection.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
                Ok(erased)
            })
            .await
    }

    async fn expiring(&self, before: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError> {
        self.db
            .run("find expiring personal data", move |connection| {
                let mut statement = connection.prepare(
                    "SELECT reference FROM case_states WHERE expires_at IS NOT NULL AND expires_at <= ?1
                     ORDER BY expires_at LIMIT ?2",
                )?;
                let rows =
                    statement.query_map(params![before.as_second(), limit as i64], |row| row.get::<_, String>(0))?;
                rows.map(|row| Ok(Reference::parse(&row?))).filter_map(Result::transpose).collect()
            })
            .await
    }

    async fn erase_contact_details(&self, state: &CaseState, listing: &CaseListing) -> Result<bool, PortError> {
        let (reference, state, listing) = (listing.reference.to_string(), state.clone(), listing.clone());
        self.db
            .run("erase contact details", move |connection| {
                let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
                tx.execute("DELETE FROM contacts WHERE reference = ?1", [&reference])?;
                let changed = tx.execute(
                    "UPDATE case_states SET state = ?2, version = ?3, status = ?4, expires_at = ?5, listing = ?7
                     WHERE reference = ?1 AND version = ?6",
                    params![
                        reference,
                        to_json(&state),
                        state.version as i64,
                        listing.status.as_str(),
                        state.personal_data_expires_at.map(|t| t.as_second()),
                        state.version as i64 - 1,
                        to_json(&listing)
                    ],
                )?;
                tx.commit()?;
                Ok(changed == 1)
            })
            .await
    }
}

/// Deletes a case's personal data and writes the redacted events and erased state it is given,
/// if the state is still the one erasure was worked out from.
fn erase(connection: &mut rusqlite::Connection, erasure: &Erasure) -> rusqlite::Result<bool> {
    // IMMEDIATE: a transaction that reads then writes must hold the write lock from its start,
    // or a concurrent writer makes it fail with "database is locked" despite the busy timeout.
    let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let reference = erasure.listing.reference.as_str();
    let state = &erasure.state;
    let written = tx.execute(
        "UPDATE case_states SET state = ?2, version = ?3, status = ?4, expires_at = ?5, listing = ?7
         WHERE reference = ?1 AND version = ?6",
        params![
            reference,
            to_json(state),
            state.version as i64,
            erasure.listing.status.as_str(),
            state.personal_data_expires_at.map(|t| t.as_second()),
            state.version as i64 - 1,
            to_json(&erasure.listing)
        ],
    )?;
    if written == 0 {
        return Ok(false);
    }
    tx.execute("DELETE FROM narratives WHERE reference = ?1", [reference])?;
    tx.execute("DELETE FROM contacts WHERE reference = ?1", [reference])?;
    for record in &erasure.redacted_events {
        tx.execute(
            "UPDATE case_events SET event = ?3 WHERE reference = ?1 AND id = ?2",
            params![reference, record.id, to_json(record)],
        )?;
    }
    tx.commit()?;
    Ok(true)
}

#[async_trait]
impl FollowUps for EmbeddedStore {
    async fn set_receipt_hash(&self, reference: &Reference, hash: &str) -> Result<(), PortError> {
        let (reference, hash) = (reference.to_string(), hash.to_string());
        self.db
            .run("set receipt", move |connection| {
                connection.execute(
                    "INSERT INTO receipts (reference, hash) VALUES (?1, ?2)
                     ON CONFLICT (reference) DO UPDATE SET hash = excluded.hash",
                    params![reference, hash],
                )?;
                Ok(())
            })
            .await
    }

    async fn receipt_hash(&self, reference: &Reference) -> Result<Option<String>, PortError> {
        let reference = reference.to_string();
        self.db
            .run("read receipt", move |connection| {
                connection
                    .query_row("SELECT hash FROM receipts WHERE reference = ?1", [&reference], |row| row.get(0))
                    .optional()
            })
            .await
    }

    async fn take_attempt(&self, key: &str, limit: u32, expires_at: Timestamp) -> Result<bool, PortError> {
        let key = key.to_string();
        self.db
            .run("take attempt", move |connection| {
                // Each key names its window and every window ends on the hour: rows of windows
                // that ended before this one are never asked for again, so they are swept here.
                connection.execute("DELETE FROM failed_attempts WHERE expires_at < ?1", [expires_at.as_second()])?;
                let taken = connection
                    .query_row(
                        "INSERT INTO failed_attempts (key, count, expires_at) VALUES (?1, 1, ?2)
                         ON CONFLICT (key) DO UPDATE SET count = count + 1 WHERE count < ?3 RETURNING count",
                        params![key, expires_at.as_second(), limit],
                        |row| row.get::<_, u32>(0),
                    )
                    .optional()?;
                Ok(taken.is_some())
            })
            .await
    }

    async fn give_back_attempt(&self, key: &str) -> Result<(), PortError> {
        let key = key.to_string();
        self.db
            .run("give back attempt", move |connection| {
                connection
                    .execute("UPDATE failed_attempts SET count = count - 1 WHERE key = ?1 AND count > 0", [key])?;
                Ok(())
            })
            .await
    }
}

/// Moves a month's counters, inside the caller's transaction.
fn apply_count(tx: &rusqlite::Transaction, count: &CountChange) -> rusqlite::Result<()> {
    for key in &count.keys {
        tx.execute(
            "INSERT INTO stats_counts (month, key, count) VALUES (?1, ?2, ?3)
             ON CONFLICT (month, key) DO UPDATE SET count = count + ?3",
            params![count.month, key, count.delta],
        )?;
    }
    Ok(())
}

#[async_trait]
impl Statistics for EmbeddedStore {
    async fn month_counts(&self) -> Result<Vec<MonthCounts>, PortError> {
        let rows: Vec<(String, String, i64)> = self
            .db
            .run("read month counts", |connection| {
                let mut statement = connection.prepare("SELECT month, key, count FROM stats_counts ORDER BY month")?;
                let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
                rows.collect()
            })
            .await?;
        let mut months: std::collections::BTreeMap<String, std::collections::BTreeMap<String, i64>> =
            Default::default();
        for (month, key, count) in rows {
            months.entry(month).or_default().insert(key, count);
        }
        months
            .into_iter()
            .map(|(month, counters)| {
                MonthCounts::from_counters(month, &counters).map_err(|e| PortError::new("read month counts", e.0))
            })
            .collect()
    }

    async fn published_months(&self) -> Result<Vec<PublishedMonth>, PortError> {
        self.db
            .run("read published months", |connection| {
                let mut statement = connection.prepare("SELECT published FROM stats_published ORDER BY month")?;
                let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
                rows.map(|row| from_json(&row?)).collect()
            })
            .await
    }

    async fn publish_month(&self, month: &PublishedMonth) -> Result<bool, PortError> {
        let (key, body) = (month.month.clone(), to_json(month));
        self.db
            .run("publish month", move |connection| {
                let added = connection.execute(
                    "INSERT INTO stats_published (month, published) VALUES (?1, ?2) ON CONFLICT (month) DO NOTHING",
                    params![key, body],
                )?;
                Ok(added == 1)
            })
            .await
    }
}

impl EmbeddedStore {
    async fn put_staff_item(
        &self,
        key: &str,
        kind: &'static str,
        body: String,
        expires_at: Timestamp,
    ) -> Result<(), PortError> {
        let key = format!("{kind}#{key}");
        self.db
            .run("store staff session", move |connection| {
                // Rows long ended go as new ones arrive (SQLite has no TTL). Measured from the new
                // row's own end, not a clock: no item lives more than 12 hours, so whatever ended
                // 13 hours before this one ends is over by an hour at least.
                connection.execute(
                    "DELETE FROM staff_sessions WHERE expires_at < ?1",
                    [expires_at.as_second() - 13 * 3600],
                )?;
                connection.execute(
                    "INSERT OR REPLACE INTO staff_sessions (key, kind, body, expires_at) VALUES (?1, ?2, ?3, ?4)",
                    params![key, kind, body, expires_at.as_second()],
                )?;
                Ok(())
            })
            .await
    }
}

#[async_trait]
impl StaffSessions for EmbeddedStore {
    async fn put_session(&self, key: &str, session: &StaffSession) -> Result<(), PortError> {
        self.put_staff_item(key, "SESSION", to_json(session), session.ends_at()).await
    }

    async fn session(&self, key: &str) -> Result<Option<StaffSession>, PortError> {
        let key = format!("SESSION#{key}");
        self.db
            .run("read staff session", move |connection| {
                let body: Option<String> = connection
                    .query_row("SELECT body FROM staff_sessions WHERE key = ?1", [&key], |row| row.get(0))
                    .optional()?;
                body.map(|b| from_json(&b)).transpose()
            })
            .await
    }

    async fn end_session(&self, key: &str) -> Result<(), PortError> {
        let key = format!("SESSION#{key}");
        self.db
            .run("end staff session", move |connection| {
                connection.execute("DELETE FROM staff_sessions WHERE key = ?1", [&key])?;
                Ok(())
            })
            .await
    }

    async fn put_sign_in(&self, key: &str, pending: &PendingSignIn) -> Result<(), PortError> {
        self.put_staff_item(key, "SIGN_IN", to_json(pending), pending.expires_at()).await
    }

    async fn take_sign_in(&self, key: &str) -> Result<Option<PendingSignIn>, PortError> {
        let key = format!("SIGN_IN#{key}");
        self.db
            .run("take sign-in", move |connection| {
                let body: Option<String> = connection
                    .query_row("DELETE FROM staff_sessions WHERE key = ?1 RETURNING body", [&key], |row| row.get(0))
                    .optional()?;
                body.map(|b| from_json(&b)).transpose()
            })
            .await
    }
}
