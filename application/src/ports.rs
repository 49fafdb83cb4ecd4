//! The ports: what the use cases need from the outside world. AWS and embedded adapters
//! implement them and pass one conformance suite (`tests/all/conformance.rs`).

use async_trait::async_trait;
use jiff::Timestamp;
use oys_shared::advocate::Proposal;
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::case_record::{CaseSummary, ContactDetails, Narrative};
use oys_shared::casework::Caller;
use oys_shared::casework::{CaseListing, CaseState, CaseStatus, CaseloadChange};
use oys_shared::deadlines::Deadline;
use oys_shared::effects::{DeliveryStatus, EffectRecord};
use oys_shared::routing::{Delivery, IdempotencyRecord, Route, RoutingMessage};
use oys_shared::staff_session::{PendingSignIn, SignInRefused, StaffSession};
use oys_shared::statistics::{CountChange, MonthCounts, PublishedMonth};
use oys_shared::Reference;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// A failure of a backing service. `detail` is for operators' logs: adapters put the backend's
/// error there, never a stored value.
#[derive(Debug, thiserror::Error)]
#[error("{operation} failed: {detail}")]
pub struct PortError {
    pub operation: &'static str,
    pub detail: String,
    /// A passing fault (a transaction conflict, a throttled read): trying again soon may work.
    pub transient: bool,
}

impl PortError {
    pub fn new(operation: &'static str, detail: impl std::fmt::Display) -> Self {
        PortError { operation, detail: detail.to_string(), transient: false }
    }

    pub fn transient(operation: &'static str, detail: impl std::fmt::Display) -> Self {
        PortError { operation, detail: detail.to_string(), transient: true }
    }
}

/// How often a request retries a transient store fault before it answers 503.
pub const TRANSIENT_ATTEMPTS: u32 = 4;

/// Runs `attempt` again, after a short pause, while it fails with a transient fault, at most
/// `TRANSIENT_ATTEMPTS` times in all. (The SDK already retries throttling and 5xx answers;
/// this covers what it does not, such as a transaction cancelled by a conflict.)
pub async fn retry_transient<T, F, Fut>(mut attempt: F) -> Result<T, PortError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, PortError>>,
{
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt().await {
            Err(error) if error.transient && tries < TRANSIENT_ATTEMPTS => {
                // 50, 100, 200 ms (plus up to as much again at random, so two requests that
                // conflicted once do not retry in step): long enough for the other to finish.
                let base = 25u64 << tries;
                let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]) * base / 256;
                tokio::time::sleep(Duration::from_millis(base + jitter)).await;
            }
            result => return result,
        }
    }
}

/// Everything one accepted report writes, in one transaction.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub summary: CaseSummary,
    pub narrative: Narrative,
    pub contact: Option<ContactDetails>,
    /// The deliveries still owed; the report is "pending routing" until none are left.
    pub pending: Vec<Delivery>,
    /// When the sweeper may take over deliveries the dispatcher did not finish.
    pub sweep_after: Timestamp,
    /// The outbox row that has the dispatcher send what `pending` names, written with the
    /// report when it owes anything (always: every report owes the operators' alert).
    pub outbox: OutboxRow,
    /// The case's first state: version 0, with its personal data's expiry already set.
    pub state: CaseState,
    /// How the case lists (`CaseListing::of`): the adapter stores it as it is handed.
    pub listing: CaseListing,
    /// The reporter's follow-up receipt, as its hash (`follow_up::new_receipt`): stored in the
    /// report's own write, so a report is never kept without the receipt its reporter was given.
    pub receipt_hash: String,
    pub idempotency: Option<IdempotencyRecord>,
    /// The report's place in its month's statistics, counted in the same transaction: once,
    /// whatever retries happen.
    pub count: CountChange,
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
    pub state: CaseState,
}

/// Which cases to list.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFilter {
    /// The statuses to list (`CaseStatus::listed_by_default` when the caller names none).
    pub statuses: Vec<CaseStatus>,
    /// Only cases shared with this partner (advocates).
    pub shared_with: Option<String>,
    pub limit: usize,
}

/// A change to a case: the new state (version = the old one + 1) and the event that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseChange {
    pub state: CaseState,
    /// How the case lists after the change (`CaseListing::of`), stored as it is handed: the
    /// adapters work out nothing of a case's status themselves.
    pub listing: CaseListing,
    pub event: EventRecord,
    /// The partners' open-case counts this change moves (`casework::caseload_changes`).
    pub caseloads: Vec<CaseloadChange>,
    /// The statistics counters it moves (a withdrawal as duplicate or spam), if any.
    pub count: Option<CountChange>,
    /// Contact details it saves in place of the stored ones (the phone a reporter gives when
    /// asking for an advocate later), if any: written only with the change, so never onto a case
    /// erased or changed meanwhile.
    pub contact: Option<ContactDetails>,
    /// Deliveries the change owes (a follow-up's alert and advocate message), added to the
    /// report's pending ones in the same write, so the sweeper finishes them after `sweep_after`
    /// if the request does not; `None` for most changes.
    pub owed: Option<Owed>,
}

/// Deliveries a case change owes, and when the sweeper may take them over.
#[derive(Debug, Clone, PartialEq)]
pub struct Owed {
    pub deliveries: Vec<Delivery>,
    pub sweep_after: Timestamp,
    /// Written with the change: the dispatcher sends what is owed.
    pub outbox: OutboxRow,
}

/// A row of the transactional outbox: "this report owes deliveries", written in the same
/// transaction as the report or change that owes them. The row's arrival (the table's stream in
/// AWS, the runner's drain locally) runs the dispatcher (`dispatch`), which sends what the
/// report's pending list names and then clears the row. The row holds no personal data and no
/// list of its own: the report's pending list is the one record of what is owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub reference: Reference,
    /// Unique per row (a v4 UUID, simple form).
    pub id: String,
    /// When it was written, in whole seconds: the backstop takes rows older than a grace period.
    pub at: Timestamp,
}

impl OutboxRow {
    /// A new row for `reference`, written at `at`.
    pub fn new(reference: &Reference, at: Timestamp) -> OutboxRow {
        let at = Timestamp::from_second(at.as_second()).expect("a whole second of a valid time");
        OutboxRow { reference: reference.clone(), id: uuid::Uuid::new_v4().simple().to_string(), at }
    }
}

/// What erasing a case's personal data writes, worked out by the use case
/// (`retention::erase_case`): the adapter deletes the narrative and contact details and
/// writes these records.
#[derive(Debug, Clone, PartialEq)]
pub struct Erasure {
    /// The state after erasure (`casework::erased`): version = the stored one + 1.
    pub state: CaseState,
    /// How the case lists after erasure, stored as it is handed.
    pub listing: CaseListing,
    /// The events that held free text, with their words replaced (`EventRecord::erased`).
    pub redacted_events: Vec<EventRecord>,
}

/// The answer to a claim on an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffectClaim {
    Claimed,
    Busy,
}
/// Reports as they arrive and what routing still owes them: intake, the sweeper, and every
/// use case that reads a report.
#[async_trait]
pub trait Reports: Send + Sync {
    /// Writes the report's parts and the idempotency record atomically, or nothing.
    async fn create_report(&self, report: &NewReport, now: Timestamp) -> Result<CreateOutcome, PortError>;

    async fn get_report(&self, reference: &Reference) -> Result<Option<StoredReport>, PortError>;

    /// Records what is still owed after a delivery attempt, if the stored list is still
    /// `expected` (one conditional write); `false` if it changed meanwhile (a follow-up added to
    /// it, a sweeper finished some): the caller reads it again. With nothing left the report
    /// leaves the pending-routing index; with something left it is in it (due from `now` at the
    /// latest), so nothing owed is ever out of the sweeper's sight.
    async fn set_pending(
        &self,
        reference: &Reference,
        expected: &[Delivery],
        remaining: &[Delivery],
        now: Timestamp,
    ) -> Result<bool, PortError>;

    /// References of reports pending routing whose `sweep_after` has passed, oldest first.
    async fn due_for_sweep(&self, now: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError>;

    /// Outbox rows written at or before `written_by`, oldest first, at most `limit`. The
    /// runner drains them; in AWS the table's stream hands each to the dispatcher as it is
    /// written, and the scheduled job takes those left behind.
    async fn outbox(&self, written_by: Timestamp, limit: usize) -> Result<Vec<OutboxRow>, PortError>;

    /// Deletes a row the dispatcher has finished (already gone: nothing to do).
    async fn clear_outbox(&self, row: &OutboxRow) -> Result<(), PortError>;

    /// Adds `owed` to a stored report's pending deliveries with its outbox row, in one write,
    /// outside a case change (an erasure's notices). Err if there is no such report.
    async fn owe(&self, reference: &Reference, owed: &Owed) -> Result<(), PortError>;

    /// Takes a due report for one sweeper by moving its `sweep_after` to `lease_until`, if it
    /// is still due; `None` if another sweeper or the request finished or took it first.
    async fn claim_for_sweep(
        &self,
        reference: &Reference,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<RoutingState>, PortError>;
}

/// What is done once per report (a disclosure, a notice): claimed before, recorded after
/// (`send_once`).
#[async_trait]
pub trait Effects: Send + Sync {
    /// Claims the right to perform an effect (send a disclosure or notice) before doing it, so
    /// two instances handling the same message (a redelivery while the first still works) cannot
    /// both send: `Claimed` if no live claim existed (a claim lapses at `lease_until`, so a
    /// crashed sender's effect is retried), `Busy` if another instance holds one. The caller
    /// checks the recorded effects afterwards: a claim alone does not mean it was not done.
    async fn claim_effect(
        &self,
        reference: &Reference,
        key: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<EffectClaim, PortError>;

    /// Gives up a claim this instance holds (its send failed), so a retry need not wait for
    /// the lease to run out.
    async fn release_effect_claim(&self, reference: &Reference, key: &str) -> Result<(), PortError>;

    /// Records an effect once: `false` if one with the same key was already recorded.
    async fn record_effect(&self, reference: &Reference, effect: &EffectRecord) -> Result<bool, PortError>;

    /// Records that an effect's email was not delivered; returns the record as it was before,
    /// or `None` when there is no such effect.
    async fn mark_undelivered(
        &self,
        reference: &Reference,
        key: &str,
        status: DeliveryStatus,
    ) -> Result<Option<EffectRecord>, PortError>;

    /// The effects recorded for a report, in no particular order.
    async fn recorded(&self, reference: &Reference) -> Result<Vec<EffectRecord>, PortError>;
}

/// Deadlines on cases and the alerts sent for them (workers, casework, the reminder job).
#[async_trait]
pub trait Deadlines: Send + Sync {
    /// Stores a deadline unless one of its kind exists for the report; returns the one stored.
    async fn save_deadline(&self, deadline: &Deadline) -> Result<Deadline, PortError>;

    /// Deadlines whose `next_alert_at` is at or before `before`, soonest first, read through
    /// the index (never a scan of every case).
    async fn deadlines_due(&self, before: Timestamp, limit: usize) -> Result<Vec<Deadline>, PortError>;

    /// Replaces a deadline whose `next_alert_at` is still `expected_next` (so two reminder runs
    /// cannot both advance it); `false` if it changed meanwhile.
    async fn update_deadline(&self, deadline: &Deadline, expected_next: Option<Timestamp>) -> Result<bool, PortError>;

    async fn for_case(&self, reference: &Reference) -> Result<Vec<Deadline>, PortError>;
}

/// Case state and its events, changed only by a version-checked write (casework); the lists.
#[async_trait]
pub trait Cases: Send + Sync {
    /// Applies a change to a case if its state is still at `change.state.version - 1`, with its
    /// event and caseload moves, atomically; `false` on a conflicting concurrent change.
    async fn change_case(&self, reference: &Reference, change: &CaseChange) -> Result<bool, PortError>;

    async fn events(&self, reference: &Reference) -> Result<Vec<EventRecord>, PortError>;

    async fn list_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseListing>, PortError>;
}

/// Advocate proposals and partners' open-case counts (the advocate-assignment worker).
#[async_trait]
pub trait Assignments: Send + Sync {
    /// Stores the advocate proposal unless one exists; returns the one stored (first wins).
    async fn save_proposal(&self, proposal: &Proposal) -> Result<Proposal, PortError>;

    async fn proposal(&self, reference: &Reference) -> Result<Option<Proposal>, PortError>;

    /// Open cases per partner organisation (partners without any are absent).
    async fn partner_caseloads(&self) -> Result<HashMap<String, i64>, PortError>;
}

/// The append-only record of who read or exported a case.
#[async_trait]
pub trait AuditTrail: Send + Sync {
    /// Appends to the audit trail (never updated or deleted).
    async fn append(&self, entry: &AuditEntry) -> Result<(), PortError>;

    async fn entries(&self, reference: &Reference) -> Result<Vec<AuditEntry>, PortError>;
}

/// Expiry and erasure of personal data (the retention purge, erasure on request).
#[async_trait]
pub trait PersonalData: Send + Sync {
    /// Deletes the narrative and contact details, replaces the events given with their redacted
    /// copies and writes the erased state, if the stored state is still at
    /// `erasure.state.version - 1`; `false` if the case changed meanwhile (try again). The state is
    /// written last and only from that version; what comes before it may already be deleted when
    /// `false` comes back (DynamoDB: a case's redacted events can exceed one transaction), which
    /// only ever removes data the caller is erasing anyway.
    async fn erase_personal_data(&self, erasure: &Erasure) -> Result<bool, PortError>;

    /// Cases with personal data due to expire at or before `before` (`personal_data_expires_at`),
    /// soonest first, found through an index (never a scan). The scheduled job erases what is
    /// due; not left to DynamoDB TTL, which can lag by two days and would keep data too long.
    async fn expiring(&self, before: Timestamp, limit: usize) -> Result<Vec<Reference>, PortError>;

    /// Deletes the contact details alone (retention: they go before the narrative) and writes
    /// `state` (the version after the stored one, from `contact_details_erased`) with its
    /// `listing`; `false` if the case changed meanwhile (the contact details are deleted either way).
    async fn erase_contact_details(&self, state: &CaseState, listing: &CaseListing) -> Result<bool, PortError>;
}

/// Anonymous follow-up: the hash of each report's receipt (SHA-256: a receipt's 125 random bits
/// need no slow hash), the count of wrong receipts (the rate limit), and the contact details a
/// reporter gives later.
#[async_trait]
pub trait FollowUps: Send + Sync {
    /// Stores the hash of a report's receipt, replacing any earlier one (a repeated request is
    /// shown a new receipt, and only the newest works).
    async fn set_receipt_hash(&self, reference: &Reference, hash: &str) -> Result<(), PortError>;

    async fn receipt_hash(&self, reference: &Reference) -> Result<Option<String>, PortError>;

    /// Takes one attempt under `key` (which names its window; kept until `expires_at`) if fewer
    /// than `limit` are taken. The check and the count are one conditional write, so attempts
    /// made at the same moment never pass the limit between them. `false`: the limit is reached.
    async fn take_attempt(&self, key: &str, limit: u32, expires_at: Timestamp) -> Result<bool, PortError>;

    /// Gives back one attempt taken under `key` (a right receipt is not held against anyone).
    async fn give_back_attempt(&self, key: &str) -> Result<(), PortError>;
}

/// Public statistics: each month's counters (moved by `NewReport::count` and
/// `CaseChange::count`) and each month's publication, written once and never changed.
#[async_trait]
pub trait Statistics: Send + Sync {
    /// Every month's counters, in month order (one item per month: a handful of reads a year).
    async fn month_counts(&self) -> Result<Vec<MonthCounts>, PortError>;

    /// Every published month, in month order.
    async fn published_months(&self) -> Result<Vec<PublishedMonth>, PortError>;

    /// Stores a month's publication unless it has one; `false` if it had (never replaced:
    /// comparing two publications of one month must reveal nothing).
    async fn publish_month(&self, month: &PublishedMonth) -> Result<bool, PortError>;
}

/// The staff console's sessions and sign-ins under way. Keys are hashes of what the browser
/// holds, so whoever reads the store cannot act as anyone. Stored items expire by themselves
/// (a TTL); callers still check `is_live`, since expiry is not immediate.
#[async_trait]
pub trait StaffSessions: Send + Sync {
    /// Stores (or replaces) the session under `key`.
    async fn put_session(&self, key: &str, session: &StaffSession) -> Result<(), PortError>;

    async fn session(&self, key: &str) -> Result<Option<StaffSession>, PortError>;

    async fn end_session(&self, key: &str) -> Result<(), PortError>;

    async fn put_sign_in(&self, key: &str, pending: &PendingSignIn) -> Result<(), PortError>;

    /// Reads and removes a sign-in under way: of two callbacks with the same `state`, only one
    /// finds it.
    async fn take_sign_in(&self, key: &str) -> Result<Option<PendingSignIn>, PortError>;
}

/// The identity provider staff sign in with (Cognito's managed login; the tests' issuer):
/// OpenID Connect's authorization-code flow with PKCE.
#[async_trait]
pub trait StaffIdentity: Send + Sync {
    /// Where the browser goes to sign in, carrying `state`, `nonce` and the challenge of `verifier`.
    fn authorize_url(&self, state: &str, nonce: &str, verifier: &str) -> String;

    /// The member of staff a code names, once redeemed with its verifier and its ID token verified
    /// (with `nonce`).
    async fn redeem(&self, code: &str, verifier: &str, nonce: &str) -> Result<Caller, SignInRefused>;
}

/// Every store port: what one storage adapter implements.
pub trait Store:
    Reports + Effects + Deadlines + Cases + Assignments + AuditTrail + PersonalData + FollowUps + Statistics + StaffSessions
{
}

impl<
        T: Reports
            + Effects
            + Deadlines
            + Cases
            + Assignments
            + AuditTrail
            + PersonalData
            + FollowUps
            + Statistics
            + StaffSessions,
    > Store for T
{
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
/// What goes on a queue is a routing message (`send`); the adapters carry its JSON body
/// (`send_body`), which the workers read back with `RoutingMessage::from_queue_body`.
#[async_trait]
pub trait MessageQueue: Send + Sync {
    /// Sends a routing message to its route's queue; answers the message id.
    async fn send(&self, message: &RoutingMessage) -> Result<String, PortError> {
        let body = serde_json::to_string(message).expect("routing messages serialise");
        self.send_body(message.route, &body).await
    }
    /// The transport: one message body onto `route`'s queue. Only `send` and tests that need a
    /// malformed message on a queue call it.
    async fn send_body(&self, route: Route, body: &str) -> Result<String, PortError>;
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
    /// The case it is about: the local outbox deletes its copies of a case's emails on erasure.
    pub about: Option<Reference>,
    /// The effect this email is, so the transport's delivery feedback (a bounce) can be
    /// traced back to it: SES carries it as message tags.
    pub effect: Option<EffectTag>,
}

/// Which recorded effect an email is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectTag {
    pub reference: Reference,
    pub key: String,
}

impl EffectTag {
    /// The key as an SES tag value may hold it (letters, digits, `_` and `-` only): hex.
    pub fn encoded_key(&self) -> String {
        oys_shared::hex::encode(self.key.as_bytes())
    }

    pub fn decode_key(encoded: &str) -> Option<String> {
        String::from_utf8(oys_shared::hex::decode(encoded)?).ok()
    }
}

#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends the email; returns the transport's message id.
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError>;

    /// Deletes any copies this transport keeps of the emails about a case (erasure); returns
    /// how many. SES keeps none; the local outbox keeps every email it "sent".
    async fn erase_copies(&self, _reference: &Reference) -> Result<usize, PortError> {
        Ok(0)
    }
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
