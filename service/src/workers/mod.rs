//! The SQS workers: police referral and advocate assignment.
//!
//! Each takes a batch of routing messages and answers which records failed, so SQS retries
//! only those (`ReportBatchItemFailures`). Every effect is claimed, done, then recorded per
//! report (`send_and_record`), so a redelivered message, even one handled at the same time by
//! another instance, changes nothing.

mod advocate;
mod batch;
mod police;
pub mod poller;

pub use advocate::AdvocateAssignmentWorker;
pub use batch::{process_batch, Outcome, WorkerError};
pub use police::{parse_force_mailboxes, PoliceReferralWorker};

use oys_shared::routing::RoutingMessage;
use oys_shared::Reference;

use crate::intake::Services;
use crate::ports::{EffectClaim, EffectTag, OutgoingEmail, PortError, StoredReport};
use oys_shared::effects::{DeliveryStatus, EffectKind, EffectRecord};

/// The report a message is about, checked to be the one the message was sent for.
async fn report_for(svc: &Services, message: &RoutingMessage) -> Result<StoredReport, WorkerError> {
    let report = svc.reports.get_report(&message.reference).await?.ok_or(WorkerError::UnknownReport)?;
    if report.summary.report_id != message.report_id {
        return Err(WorkerError::Mismatch);
    }
    Ok(report)
}

/// An email that goes out once per report: a disclosure or a notice.
pub(crate) struct RecordedEmail {
    /// The effect key it is recorded under. Callers check the recorded effects first (they
    /// have read them anyway): a finished sender's claim stays live for its lease, so claiming
    /// a done effect again within it would answer `Busy` instead of "already done".
    pub key: String,
    pub kind: EffectKind,
    pub to: Vec<String>,
    /// Who received it, for the record (a force or partner and its mailbox; "operators").
    pub recipient: String,
    pub consent: Option<String>,
    /// What was sent, in words (never the data itself).
    pub detail: String,
    pub subject: String,
    pub text: String,
}

/// How long a claim on an effect holds before another instance may take it over (a sender
/// that crashed between its claim and its record).
pub const EFFECT_LEASE: std::time::Duration = std::time::Duration::from_secs(300);

/// Claims the effect, sends the email, then records it. A second instance handling the same
/// message at the same time finds the claim and fails (its message comes back later and finds
/// the record); one arriving later finds the record and skips. Only a crash between the send
/// and the record, followed by the lease running out, can repeat this one email.
pub(crate) async fn send_and_record(
    svc: &Services,
    reference: &Reference,
    email: RecordedEmail,
) -> Result<bool, PortError> {
    let RecordedEmail { key, kind, to, recipient, consent, detail, subject, text } = email;
    let now = svc.clock.now();
    let lease_until = now.checked_add(jiff::SignedDuration::try_from(EFFECT_LEASE).expect("small")).expect("in range");
    if svc.effects.claim_effect(reference, &key, now, lease_until).await? == EffectClaim::Busy {
        return Err(PortError::new("send once", "another instance is performing this effect; retry later"));
    }
    // Claimed: but it may have been done while we looked (the claim outlives the record).
    if svc.effects.recorded(reference).await?.iter().any(|e| e.key == key) {
        return Ok(false);
    }
    let tag = EffectTag { reference: reference.clone(), key: key.clone() };
    let about = Some(reference.clone());
    let email = OutgoingEmail { from: svc.alerts.from.clone(), to, subject, text, about, effect: Some(tag) };
    if let Err(error) = svc.mailer.send(&email).await {
        // Not sent: let the next attempt claim it at once. (If this fails too, the lease ends.)
        let _ = svc.effects.release_effect_claim(reference, &key).await;
        return Err(error);
    }
    let at = svc.clock.now();
    let effect = EffectRecord { key, kind, recipient, consent, detail, at, delivery: DeliveryStatus::Sent };
    svc.effects.record_effect(reference, &effect).await?;
    Ok(true)
}

/// Emails the operators once, under `key` (the caller checks it was not recorded yet).
async fn tell_operators_once(
    svc: &Services,
    reference: &Reference,
    key: &str,
    subject: String,
    text: String,
) -> Result<(), WorkerError> {
    let email = RecordedEmail {
        key: key.into(),
        kind: EffectKind::Notice,
        to: svc.alerts.operators.clone(),
        recipient: "operators".into(),
        consent: None,
        detail: subject.clone(),
        subject,
        text,
    };
    send_and_record(svc, reference, email).await?;
    Ok(())
}

/// The local runner's partner list: `PARTNERS_JSON` if set, else the examples compiled in
/// from `config/partners.json`.
pub fn partners_from_env() -> Result<Vec<oys_shared::advocate::Partner>, String> {
    match std::env::var("PARTNERS_JSON") {
        Ok(json) => oys_shared::advocate::parse_partners(&json),
        Err(_) => oys_shared::advocate::parse_partners(BUNDLED_PARTNERS),
    }
}

/// A deployed function's partner list: `PARTNERS_JSON` is required, and the examples are refused.
pub fn production_partners_from_env() -> Result<Vec<oys_shared::advocate::Partner>, String> {
    let json = std::env::var("PARTNERS_JSON").map_err(|_| "PARTNERS_JSON is not set".to_string())?;
    oys_shared::advocate::parse_production_partners(&json)
}

/// The partner list shipped in the repository.
pub const BUNDLED_PARTNERS: &str = include_str!("../../../config/partners.json");

/// A referral mailbox for every force, on a local domain: for the local runner and tests.
pub fn local_force_mailboxes() -> std::collections::HashMap<String, String> {
    oys_shared::geography::all_forces()
        .map(|force| (force.to_string(), format!("{force}@police-referrals.localhost")))
        .collect()
}
