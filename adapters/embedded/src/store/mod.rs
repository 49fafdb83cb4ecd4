//! The report store on SQLite, with the same layout and rules as the DynamoDB one:
//! summary, narrative and contact in separate tables; the pending-routing "index" is the
//! `sweep_after` column, set only while deliveries are owed. One file per port.

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
    FollowUps, NewReport, OutboxRow, Owed, PersonalData, PortError, Reports, RoutingState, StaffSessions, Statistics,
    StoredReport,
};
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::deadlines::Deadline;
use oys_shared::effects::{DeliveryStatus, EffectRecord};
use oys_shared::routing::IdempotencyRecord;
use oys_shared::staff_session::{PendingSignIn, StaffSession};
use oys_shared::statistics::CountChange;
use oys_shared::statistics::{MonthCounts, PublishedMonth};

mod assignments;
mod audit;
mod cases;
mod deadlines;
mod effects;
mod follow_ups;
mod personal_data;
mod reports;
mod staff_sessions;
mod statistics;

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
