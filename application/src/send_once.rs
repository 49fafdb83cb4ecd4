//! Sending an email once per report: a disclosure (the case's details to a force or a partner)
//! or a notice (to operators, a force, a partner). Every use case that emails about a case goes
//! through `send_and_record`: claim the effect, check it was not done meanwhile, send, record.

use oys_shared::effects::{DeliveryStatus, EffectKind, EffectRecord};
use oys_shared::emails::EmailText;
use oys_shared::Reference;

use crate::ports::{EffectClaim, EffectTag, OutgoingEmail, PortError};

crate::services::use_case_ports! { ports: [WithEffects, WithMailer, WithClock, WithAlerts] }

/// An email that goes out once per report: a disclosure or a notice.
pub struct RecordedEmail {
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
    pub text: EmailText,
}

/// How long a claim on an effect holds before another instance may take it over (a sender
/// that crashed between its claim and its record). Just above the longest function timeout
/// (the scheduled job's 120 s; `tests/all/infra.rs` holds it to the template): Lambda has ended
/// any claimant by then, so a killed one delays its email by one queue visibility timeout, and
/// a live one is never overtaken.
pub const EFFECT_LEASE: std::time::Duration = std::time::Duration::from_secs(125);

/// Claims the effect, sends the email, then records it. A second instance handling the same
/// message at the same time finds the claim and fails (its message comes back later and finds
/// the record); one arriving later finds the record and skips. Only a crash between the send
/// and the record, followed by the lease running out, can repeat this one email.
pub async fn send_and_record(svc: &impl Ports, reference: &Reference, email: RecordedEmail) -> Result<bool, PortError> {
    let RecordedEmail { key, kind, to, recipient, consent, detail, text } = email;
    let now = svc.clock().now();
    let lease_until = oys_shared::calendar::after(now, EFFECT_LEASE);
    if svc.effects().claim_effect(reference, &key, now, lease_until).await? == EffectClaim::Busy {
        // A finished sender's claim outlives its record: done is done.
        if svc.effects().recorded(reference).await?.iter().any(|e| e.key == key) {
            return Ok(false);
        }
        return Err(PortError::new("send once", "another instance is performing this effect; retry later"));
    }
    // Claimed: but it may have been done while we looked (the claim outlives the record).
    if svc.effects().recorded(reference).await?.iter().any(|e| e.key == key) {
        return Ok(false);
    }
    let tag = EffectTag { reference: reference.clone(), key: key.clone() };
    let about = Some(reference.clone());
    let (subject, text) = (text.subject, text.body);
    let email = OutgoingEmail { from: svc.alerts().from.clone(), to, subject, text, about, effect: Some(tag) };
    if let Err(error) = svc.mailer().send(&email).await {
        // Not sent: let the next attempt claim it at once. (If this fails too, the lease ends.)
        if let Err(release) = svc.effects().release_effect_claim(reference, &key).await {
            tracing::warn!(%reference, error = %release, "effect claim not released; it lapses with its lease");
        }
        return Err(error);
    }
    let at = svc.clock().now();
    let effect = EffectRecord { key, kind, recipient, consent, detail, at, delivery: DeliveryStatus::Sent };
    svc.effects().record_effect(reference, &effect).await?;
    Ok(true)
}

impl RecordedEmail {
    /// A notice to the operators (categories and references only), recorded under `key`.
    pub fn to_operators(svc: &impl Ports, key: &str, text: EmailText) -> RecordedEmail {
        RecordedEmail {
            key: key.into(),
            kind: EffectKind::Notice,
            to: svc.alerts().operators.clone(),
            recipient: "operators".into(),
            consent: None,
            detail: text.subject.clone(),
            text,
        }
    }
}
