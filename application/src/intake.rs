//! Accepting a report, and making sure it is routed.
//!
//! The promise: a report answered with success is never lost and never left unrouted.
//! So the report, the list of deliveries it is owed and an outbox row are written in one
//! transaction, and that transaction is all the request does: the answer is 201 once it
//! committed. The outbox row has the dispatcher (`dispatch`) send what is owed, off the
//! request's path. Anything the dispatcher cannot finish (a queue or SES outage) stays pending,
//! and `sweep_pending_routing`, which the scheduled job calls every few minutes, finishes it.
//! Queue consumers are idempotent per report and route, and emails go through `send_once`, so
//! a delivery attempted twice changes nothing downstream.

use std::time::Duration;

use tracing::{error, info, warn};
use uuid::Uuid;

use oys_shared::calendar::after;
use oys_shared::case_record::{split_report, CaseSummary};
use oys_shared::casework::{CaseListing, CaseState};
use oys_shared::i18n::Language;
use oys_shared::report::Report;
use oys_shared::routing::{next_steps, Delivery, RoutingMessage};
use oys_shared::{FieldError, Reference};

use crate::ports::{retry_transient, CreateOutcome, NewReport, OutboxRow, PortError};
use crate::send_once::{send_and_record, RecordedEmail};
pub use crate::services::{AlertAddresses, Services};
use oys_shared::follow_up::FollowUpReceipt;
use oys_shared::routing::{IdempotencyRecord, Receipt};
use oys_shared::statistics::CountChange;

// The same ports as `follow_up`, which intake calls and which calls intake back.
crate::services::use_case_ports! { ports: [WithReports, WithQueue, WithMailer, WithClock, WithAlerts, WithRetention, WithFollowUps, WithEffects, WithCases], calls: [notices, send_once] }

/// How long after a report the sweeper may take over its unfinished deliveries. Far longer than
/// any request (the function times out in seconds), so the two never race in practice.
pub const SWEEP_GRACE: Duration = Duration::from_secs(120);
/// How long a sweeper holds a report it claimed before another may try again: as an effect's
/// claim, just above the longest function timeout.
pub const SWEEP_LEASE: Duration = crate::send_once::EFFECT_LEASE;
/// How long after the first answer a repeat of the same report (a lost answer, a double tap)
/// is shown a fresh receipt. Later repeats get the reference and no receipt: on a shared phone,
/// Back and "send again" must not hand a working receipt to whoever holds the phone now, nor
/// stop the reporter's own receipt working.
pub const RECEIPT_REISSUE_WINDOW: Duration = Duration::from_secs(5 * 60);
/// How long an `Idempotency-Key` is remembered.
pub const IDEMPOTENCY_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// How often a fresh reference is drawn when one is already taken (1 in 2^40 per draw).
const REFERENCE_ATTEMPTS: usize = 5;

/// A report as intake takes it, read at the edge (from JSON or the no-script form) by
/// `oys_shared::report::read_report_request`.
pub struct Submission {
    pub report: Report,
    /// The request body's fingerprint: an `Idempotency-Key` sent again must come with the same.
    pub fingerprint: String,
    pub idempotency_key: Option<String>,
    /// The staff id of whoever took the report for a caller (phone, webchat), kept with it.
    pub taken_by: Option<String>,
}

#[derive(Debug)]
pub enum SubmitOutcome {
    /// Stored; with the reporter's follow-up receipt (`None` only if it could not be stored:
    /// the report is safe, the reporter is told to call instead).
    Accepted(Receipt, Option<FollowUpReceipt>),
    /// The same `Idempotency-Key` and body as an earlier request: its answer, nothing new. Within
    /// `RECEIPT_REISSUE_WINDOW` of the first, a new receipt (the first answer may never have
    /// arrived; only the newest receipt works); after it, `None`: the receipt is not shown again.
    Replayed(Receipt, Option<FollowUpReceipt>),
    Invalid {
        language: Language,
        errors: Vec<FieldError>,
    },
    IdempotencyKeyReused {
        language: Language,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// The report could not be stored: nothing was kept, the client should retry.
    #[error("report not stored: {0}")]
    NotStored(#[source] PortError),
}

pub async fn submit(svc: &impl Ports, submission: Submission) -> Result<SubmitOutcome, IntakeError> {
    let now = svc.clock().now();
    let report = submission.report;
    crate::telemetry::leak_canary!("use_case", &report.incident.description);
    let language = report.language;
    let request_hash = submission.fingerprint;
    let key_hash = submission.idempotency_key.as_deref().map(|key| oys_shared::hex::sha256(key.as_bytes()));

    let report_id = Uuid::new_v4();
    let mut attempt = 0;
    let (new_report, receipt, follow_up) = loop {
        attempt += 1;
        let reference = Reference::from_entropy(random_u64());
        let mut parts = split_report(report.clone(), report_id, reference.clone(), now);
        parts.summary.taken = submission.taken_by.as_ref().map(|by| oys_shared::case_record::TakenReport {
            by: by.clone(),
            language_spoken: report.assisted.as_ref().and_then(|a| a.language_spoken.clone()),
            interpreter_used: report.assisted.as_ref().and_then(|a| a.interpreter_used),
        });
        let (follow_up, receipt_hash) = crate::follow_up::new_receipt(&reference);
        let receipt = Receipt {
            reference: reference.clone(),
            routes: parts.summary.routes.clone(),
            next_steps: next_steps(&parts.summary),
        };
        let pending = Delivery::all_for(&parts.summary.routes);
        let count = CountChange::of(&parts.summary, 1);
        // Nothing is kept forever: the expiry starts with the report.
        let state = svc.retention().extend(&CaseState::default(), now);
        let new_report = NewReport {
            listing: CaseListing::of(&parts.summary, &state),
            receipt_hash,
            state,
            summary: parts.summary,
            narrative: parts.narrative,
            contact: parts.contact,
            pending,
            sweep_after: after(now, SWEEP_GRACE),
            outbox: OutboxRow::new(&reference, now),
            count,
            idempotency: key_hash.as_ref().map(|key_hash| IdempotencyRecord {
                key_hash: key_hash.clone(),
                request_hash: request_hash.clone(),
                receipt: receipt.clone(),
                created_at: now,
                expires_at: after(now, IDEMPOTENCY_TTL),
            }),
        };
        let created = retry_transient(|| svc.reports().create_report(&new_report, now)).await;
        match created.map_err(IntakeError::NotStored)? {
            CreateOutcome::Created => break (new_report, receipt, follow_up),
            CreateOutcome::IdempotencyKeyUsed(earlier) if earlier.request_hash == request_hash => {
                let reissue = now < after(earlier.created_at, RECEIPT_REISSUE_WINDOW);
                info!(reference = %earlier.receipt.reference, reissue, "idempotent repeat answered from the first request");
                let follow_up = if reissue { receipt_for(svc, &earlier.receipt.reference).await } else { None };
                return Ok(SubmitOutcome::Replayed(earlier.receipt, follow_up));
            }
            CreateOutcome::IdempotencyKeyUsed(_) => {
                warn!("idempotency key reused with a different body");
                return Ok(SubmitOutcome::IdempotencyKeyReused { language });
            }
            CreateOutcome::ReferenceTaken if attempt < REFERENCE_ATTEMPTS => {
                warn!(attempt, "reference already taken, drawing another");
            }
            CreateOutcome::ReferenceTaken => {
                return Err(IntakeError::NotStored(PortError::new("create_report", "no free reference found")));
            }
        }
    };

    let summary = &new_report.summary;
    info!(
        reference = %summary.reference,
        report_id = %summary.report_id,
        channel = %summary.channel,
        routes = ?summary.routes.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        "report stored; its deliveries are the dispatcher's"
    );
    Ok(SubmitOutcome::Accepted(receipt, Some(follow_up)))
}

/// A new follow-up receipt for a report stored by an earlier request, or `None` if it could not
/// be kept.
async fn receipt_for(svc: &impl Ports, reference: &Reference) -> Option<FollowUpReceipt> {
    match crate::follow_up::issue_receipt(svc, reference).await {
        Ok(receipt) => Some(receipt),
        Err(err) => {
            error!(reference = %reference, error = %err, "{}", crate::telemetry::failures::RECEIPT_NOT_STORED);
            None
        }
    }
}

/// Sends every delivery in `owed` and records what is left (the dispatcher's and the sweeper's
/// work, never a request's). `stored` is the pending list the
/// caller knows is stored, if it knows it (`None`: it is read). What was delivered is taken out
/// of whatever the list holds by then, in a conditional write retried on a fresh read, so a
/// sweeper and a follow-up working on one report never drop each other's deliveries. Failures
/// are logged and left owed: the report is already safe. A follow-up's alert
/// deliveries go out as one email.
/// `version` is the case state's version read with the list, if the caller read it (it keys a
/// follow-up's alert; `None`: read when needed).
pub(crate) async fn finish_deliveries(
    svc: &impl Ports,
    summary: &CaseSummary,
    owed: &[Delivery],
    stored: Option<Vec<Delivery>>,
    version: Option<u64>,
) -> Vec<Delivery> {
    let unique = without_repeats(owed.iter().copied());
    let follow_up: Vec<Delivery> = unique.iter().copied().filter(|d| d.is_follow_up_alert()).collect();
    let singles = unique.iter().copied().filter(|d| !d.is_follow_up_alert()).map(|delivery| async move {
        let result = deliver(svc, summary, delivery).await;
        (vec![delivery], result)
    });
    let mut results = futures_util::future::join_all(singles).await;
    if !follow_up.is_empty() {
        let result = crate::follow_up::send_alert(svc, &summary.reference, version, &follow_up).await;
        results.push((follow_up, result));
    }
    let mut delivered = Vec::new();
    for (deliveries, result) in results {
        match result {
            Ok(()) => delivered.extend(deliveries),
            Err(err) => {
                for delivery in deliveries {
                    error!(reference = %summary.reference, delivery = %delivery, error = %err, "delivery failed; left for the sweeper");
                }
            }
        }
    }
    let reference = &summary.reference;
    let mut stored = stored;
    for _ in 0..RECORD_ATTEMPTS {
        let expected = match stored.take() {
            Some(list) => list,
            None => match retry_transient(|| svc.reports().get_report(reference)).await {
                Ok(Some(report)) => report.pending,
                Ok(None) => return Vec::new(),
                Err(err) => {
                    error!(reference = %reference, error = %err, "could not read deliveries; the sweeper will retry");
                    break;
                }
            },
        };
        let remaining = without_repeats(expected.iter().copied().filter(|d| !delivered.contains(d)));
        let now = svc.clock().now();
        match retry_transient(|| svc.reports().set_pending(reference, &expected, &remaining, now)).await {
            Ok(true) => return remaining,
            // Changed meanwhile: take what was delivered out of the list as it is now.
            Ok(false) => continue,
            Err(err) => {
                // The stored list still names every delivery: the sweeper will repeat the ones
                // that succeeded, which idempotent consumers absorb.
                error!(reference = %reference, error = %err, "could not record deliveries; the sweeper will retry");
                break;
            }
        }
    }
    unique.into_iter().filter(|d| !delivered.contains(d)).collect()
}

/// The deliveries in their first order, each once (a stored list may name one twice).
pub(crate) fn without_repeats(deliveries: impl Iterator<Item = Delivery>) -> Vec<Delivery> {
    let mut unique = Vec::new();
    for delivery in deliveries {
        if !unique.contains(&delivery) {
            unique.push(delivery);
        }
    }
    unique
}

/// What a change written at `now` owes: `deliveries`, with the outbox row that has the
/// dispatcher send them, and the sweeper's grace period as for a new report.
pub(crate) fn owed(reference: &Reference, deliveries: Vec<Delivery>, now: jiff::Timestamp) -> crate::ports::Owed {
    crate::ports::Owed { deliveries, sweep_after: after(now, SWEEP_GRACE), outbox: OutboxRow::new(reference, now) }
}

/// How often recording deliveries reads the list again after another writer changed it.
const RECORD_ATTEMPTS: usize = 5;

async fn deliver(svc: &impl Ports, summary: &CaseSummary, delivery: Delivery) -> Result<(), PortError> {
    if let Some(route) = delivery.route() {
        return svc.queue().send(&RoutingMessage::new(summary, route)).await.map(drop);
    }
    match delivery {
        // Sent once per report: claimed, sent, recorded (`send_once`), so a sweeper that takes
        // over a report whose dispatch was interrupted after the alert went out does not send it
        // again (only an interruption between the send and its record, a moment, can).
        Delivery::OperatorAlert => {
            let alert = RecordedEmail::to_operators(svc, OPERATOR_ALERT_EFFECT, alert_text(summary));
            send_and_record(svc, &summary.reference, alert).await.map(drop)
        }
        // A handoff, a withdrawal or erasure notice: what casework owes an organisation.
        other => crate::notices::deliver(svc, &summary.reference, other).await,
    }
}

/// The effect key the operators' alert of a new report is recorded under.
pub const OPERATOR_ALERT_EFFECT: &str = "operators:new_report";

/// The operators' alert for a new report: categories and references only.
pub fn alert_text(summary: &CaseSummary) -> oys_shared::emails::EmailText {
    oys_shared::emails::operator_alert(summary)
}

/// What one sweep did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SweepSummary {
    /// Reports found pending routing past their grace period.
    pub due: usize,
    /// Of those, the ones this sweep took (others were taken or finished meanwhile).
    pub claimed: usize,
    /// Of those claimed, the ones now fully routed.
    pub completed: usize,
}

/// Finishes the routing of reports whose request did not (queue or email outage, crash).
/// Called by the scheduled job; safe to run concurrently and repeatedly.
pub async fn sweep_pending_routing(svc: &impl Ports, limit: usize) -> Result<SweepSummary, PortError> {
    let now = svc.clock().now();
    let due = svc.reports().due_for_sweep(now, limit).await?;
    let mut summary = SweepSummary { due: due.len(), ..Default::default() };
    for reference in due {
        let Some(state) = svc.reports().claim_for_sweep(&reference, now, after(now, SWEEP_LEASE)).await? else {
            continue;
        };
        summary.claimed += 1;
        let remaining = finish_deliveries(svc, &state.summary, &state.pending, Some(state.pending.clone()), None).await;
        if remaining.is_empty() {
            summary.completed += 1;
        }
        info!(reference = %reference, remaining = remaining.len(), "sweeper routed a pending report");
    }
    Ok(summary)
}

fn random_u64() -> u64 {
    let bytes = Uuid::new_v4().into_bytes();
    u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"))
}
