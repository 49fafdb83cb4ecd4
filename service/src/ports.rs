//! The ports: what the use cases need from the outside world. AWS and embedded adapters
//! implement them and pass one conformance suite (`tests/all/conformance.rs`).

use async_trait::async_trait;
use jiff::Timestamp;
use oys_shared::routing::{CaseSummary, ContactDetails, Delivery, Narrative, Route};
use oys_shared::Reference;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::time::Duration;

/// A failure of a backing service. `detail` is for operators' logs: adapters put the backend's
/// error there, never a stored value.
#[derive(Debug, thiserror::Error)]
#[error("{operation} failed: {detail}")]
pub struct PortError {
    pub operation: &'static str,
    pub detail: String,
}

impl PortError {
    pub fn new(operation: &'static str, detail: impl std::fmt::Display) -> Self {
        PortError { operation, detail: detail.to_string() }
    }
}

/// The answer a reporter got for an accepted report: what a repeated request is answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub reference: Reference,
    pub routes: Vec<Route>,
    pub next_steps: String,
}

/// The record of an `Idempotency-Key`: stored in the same transaction as the report it created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    /// SHA-256 of the key: the key itself is the client's and need not be kept.
    pub key_hash: String,
    /// SHA-256 of the request body in canonical JSON: a different body with the same key is refused.
    pub request_hash: String,
    pub receipt: Receipt,
    pub created_at: Timestamp,
    /// After this the key may be used again. Checked from the stored time, not left to TTL,
    /// which can lag by days.
    pub expires_at: Timestamp,
}

/// Everything one accepted report writes, in one transaction.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub summary: CaseSummary,
    pub narrative: Narrative,
    pub contact: Option<ContactDetails>,
    /// The deliveries still owed; the report is "pending routing" until none are left.
    pub pending: Vec<Delivery>,
    /// When the sweeper may take over deliveries the request did not finish.
    pub sweep_after: Timestamp,
    pub idempotency: Option<IdempotencyRecord>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    Created,
    /// Another report holds this reference: draw a new one and try again.
    ReferenceTaken,
    /// The idempotency key is live and belongs to this earlier request; nothing was written.
    IdempotencyKeyUsed(IdempotencyRecord),
}

/// A case as the sweeper sees it: categories and what is still owed.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutingState {
    pub summary: CaseSummary,
    pub pending: Vec<Delivery>,
}

/// Everything held about a report.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredReport {
    pub summary: CaseSummary,
    pub narrative: Option<Narrative>,
    pub contact: Option<ContactDetails>,
    pub pending: Vec<Delivery>,
}

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// Writes the report's parts and the idempotency record atomically, or nothing.
    async fn create_report(&self, report: &NewReport, now: Timestamp) -> Result<CreateOutcome, PortError>;

    async fn get_report(&self, reference: &Reference) -> Result<Option<StoredReport>, PortError>;

    /// Records what is still owed after a delivery attempt; with nothing left the report
    /// leaves the pending-routing index.
    async fn set_pending(&self, reference: &Reference, remaining: &[Delivery]) -> Result<(), PortError>;

    /// References of reports pending routing whose `sweep_after` has passed, oldest first.
    async fn due_for_sweep(&self, now: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError>;

    /// Takes a due report for one sweeper by moving its `sweep_after` to `lease_until`, if it
    /// is still due; `None` if another sweeper or the request finished or took it first.
    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<RoutingState>, PortError>;
}

/// A message received from a queue.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedMessage {
    pub message_id: String,
    /// The handle to delete it with (SQS receipt handle).
    pub receipt: String,
    pub body: String,
    /// How many times it has been received, this time included.
    pub receive_count: u32,
}

/// One queue per route, each with a dead-letter queue that takes messages received too often.
#[async_trait]
pub trait MessageQueue: Send + Sync {
    async fn send(&self, route: Route, body: &str) -> Result<String, PortError>;
    async fn receive(&self, route: Route, max: u32, visibility: Duration) -> Result<Vec<ReceivedMessage>, PortError>;
    async fn delete(&self, route: Route, receipt: &str) -> Result<(), PortError>;
    async fn receive_dead_letters(&self, route: Route, max: u32) -> Result<Vec<ReceivedMessage>, PortError>;
}

/// A plain-text email.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingEmail {
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
}

#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends the email; returns the transport's message id.
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError>;
}

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock tests and the local runner can set (to run a job "as of" a chosen time).
pub struct ManualClock(Mutex<Timestamp>);

impl ManualClock {
    pub fn new(at: Timestamp) -> Self {
        ManualClock(Mutex::new(at))
    }

    pub fn set(&self, at: Timestamp) {
        *self.0.lock().expect("clock lock") = at;
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().expect("clock lock");
        *now = now.checked_add(by).expect("clock stays in range");
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().expect("clock lock")
    }
}
