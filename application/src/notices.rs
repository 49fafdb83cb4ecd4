//! Casework's emails to organisations, sent by the dispatcher after the change that owes them
//! commits (`Consequence::delivery`, `retention`'s erasure): the handoff to a partner, and the
//! notices of a withdrawal or an erasure. The request that records an event only owes them, in
//! its own write, so an email outage never loses one and never fails the operator's action.
//!
//! Each reads what it sends from the case as it stands when it goes: the handoff goes only while
//! the consent to share stands (an operator who withdrew it a moment later stops it), and a
//! notice goes to whoever was told the case's details, from the disclosures recorded. Each is
//! an effect sent once (`send_once`), so a row dispatched twice sends nothing twice.

use tracing::{info, warn};

use oys_shared::casework::{HandoffDetails, ShareDecision};
use oys_shared::deadlines::advocate_call_deadline;
use oys_shared::effects::keys::{POLICE_DISCLOSED, POLICE_WITHDRAWAL_NOTIFIED};
use oys_shared::effects::{EffectKind, EffectRecord};
use oys_shared::emails;
use oys_shared::routing::Delivery;
use oys_shared::Reference;

use crate::ports::{EffectClaim, PortError};
use crate::send_once::{send_and_record, RecordedEmail};

crate::services::use_case_ports! { ports: [WithReports, WithEffects, WithClock, WithPartners], calls: [send_once] }

/// The effect key of a handoff: this, then the partner's id.
const HANDOFF: &str = "partner_handoff:";

/// The effect key of the handoff to `partner_id`.
fn handoff_key(partner_id: &str) -> String {
    format!("{HANDOFF}{partner_id}")
}

/// Sends the casework email `delivery` names (`Err` leaves it owed: the dispatcher retries it).
/// Deliveries that are not casework emails are not this module's: nothing is sent for them.
pub async fn deliver(svc: &impl Ports, reference: &Reference, delivery: Delivery) -> Result<(), PortError> {
    match delivery {
        Delivery::PartnerHandoff => hand_off(svc, reference).await,
        Delivery::PartnerWithdrawalNotice => partner_withdrawal_notices(svc, reference).await,
        Delivery::PoliceWithdrawalNotice => police_withdrawal_notice(svc, reference).await,
        Delivery::ErasureNotices => erasure_notices(svc, reference).await,
        _ => Ok(()),
    }
}

/// Sends the partner the case is shared with what the reporter consented to share, once. (The
/// advocate's clock started with the consent, on the request.)
async fn hand_off(svc: &impl Ports, reference: &Reference) -> Result<(), PortError> {
    let Some(report) = svc.reports().get_report(reference).await? else { return Ok(()) };
    // Consent is read from the stored state when the email goes: nothing leaves without it.
    let Some(partner_id) = report.state.shared_with() else {
        warn!(reference = %reference, "handoff skipped: consent to share is not in place");
        return Ok(());
    };
    if report.state.erased_at.is_some() {
        // Erased before the handoff went: there is nothing of the reporter's to hand off.
        warn!(reference = %reference, "handoff skipped: the case was erased");
        return Ok(());
    }
    let partner = svc
        .partners()
        .iter()
        .find(|p| p.id == partner_id)
        .ok_or_else(|| PortError::new("handoff", "the partner the case is shared with is not configured"))?;
    let key = handoff_key(partner_id);
    let now = svc.clock().now();
    // The advocate's 7 days run from the consent, not from when the email went.
    let shared_at = report.state.shared_at().unwrap_or(now);
    let times = advocate_call_deadline(shared_at);
    if !done(svc, reference, &key).await? {
        let details = HandoffDetails::new(&report.summary, report.narrative.as_ref(), report.contact.as_ref());
        let text = emails::handoff(&details, &partner.name, &times);
        let consent = report
            .state
            .share
            .as_ref()
            .map(|s| format!("share with {partner_id}, recorded by {}", s.record.recorded_by));
        let email = RecordedEmail {
            key,
            kind: EffectKind::Disclosure,
            to: vec![partner.mailbox.clone()],
            recipient: format!("{} <{}>", partner.name, partner.mailbox),
            consent,
            detail: "contact details and the report".into(),
            text,
        };
        send_and_record(svc, reference, email).await?;
        info!(reference = %reference, "handoff sent");
    }
    Ok(())
}

/// Tells every partner that received the case and no longer has the reporter's consent that it
/// was withdrawn, once each.
async fn partner_withdrawal_notices(svc: &impl Ports, reference: &Reference) -> Result<(), PortError> {
    let Some(report) = svc.reports().get_report(reference).await? else { return Ok(()) };
    let effects = svc.effects().recorded(reference).await?;
    // A handoff to the partner whose consent was withdrawn may be going out this moment (read
    // while the consent stood, not yet recorded): wait for it, or the notice would miss it.
    if let Some(share) = report.state.share.as_ref().filter(|s| s.decision == ShareDecision::Withdrawn) {
        let key = handoff_key(&share.partner_id);
        if !recorded(&effects, &key) {
            let now = svc.clock().now();
            let lease = oys_shared::calendar::after(now, crate::send_once::EFFECT_LEASE);
            if svc.effects().claim_effect(reference, &key, now, lease).await? == EffectClaim::Busy {
                return Err(PortError::new("notify partner withdrawal", "a handoff is being sent; retry later"));
            }
            svc.effects().release_effect_claim(reference, &key).await?;
        }
    }
    for (handoff, partner_id) in effects.iter().filter_map(|e| Some((e, e.key.strip_prefix(HANDOFF)?))) {
        let key = format!("partner_withdrawal:{partner_id}");
        if report.state.shared_with() == Some(partner_id) || recorded(&effects, &key) {
            continue;
        }
        let mailbox = mailbox_of(handoff, "notify partner withdrawal")?;
        let text = emails::partner_withdrawal_notice(reference, handoff.recipient_name());
        send_and_record(svc, reference, notice(key, handoff, mailbox, "consent withdrawn notice", text)).await?;
    }
    Ok(())
}

/// Tells the force a referral went to, if one did, that police consent was withdrawn.
async fn police_withdrawal_notice(svc: &impl Ports, reference: &Reference) -> Result<(), PortError> {
    let effects = svc.effects().recorded(reference).await?;
    let Some(referral) = effects.iter().find(|e| e.key == POLICE_DISCLOSED) else { return Ok(()) };
    if recorded(&effects, POLICE_WITHDRAWAL_NOTIFIED) {
        return Ok(());
    }
    let mailbox = mailbox_of(referral, "notify police withdrawal")?;
    let text = emails::police_withdrawal_notice(reference, referral.recipient_name());
    let email =
        notice(POLICE_WITHDRAWAL_NOTIFIED.to_string(), referral, mailbox, "police consent withdrawn notice", text);
    send_and_record(svc, reference, email).await.map(drop)
}

/// Tells every organisation that received the case's details of its erasure, once each (UK
/// GDPR art. 19).
async fn erasure_notices(svc: &impl Ports, reference: &Reference) -> Result<(), PortError> {
    let effects = svc.effects().recorded(reference).await?;
    for disclosure in effects.iter().filter(|e| e.kind == EffectKind::Disclosure) {
        let key = format!("erasure_notice:{}", disclosure.key);
        let Some(mailbox) = disclosure.mailbox() else { continue };
        if recorded(&effects, &key) {
            continue;
        }
        let text = emails::erasure_notice(reference, disclosure.recipient_name());
        send_and_record(svc, reference, notice(key, disclosure, mailbox, "erasure notice", text)).await?;
    }
    Ok(())
}

/// A notice, by reference only, to whoever received `disclosure`, recorded under `key`.
fn notice(
    key: String,
    disclosure: &EffectRecord,
    mailbox: &str,
    detail: &str,
    text: emails::EmailText,
) -> RecordedEmail {
    RecordedEmail {
        key,
        kind: EffectKind::Notice,
        to: vec![mailbox.to_string()],
        recipient: disclosure.recipient.clone(),
        consent: None,
        detail: detail.into(),
        text,
    }
}

fn mailbox_of<'a>(disclosure: &'a EffectRecord, what: &'static str) -> Result<&'a str, PortError> {
    disclosure.mailbox().ok_or_else(|| PortError::new(what, "the disclosure recorded no mailbox"))
}

fn recorded(effects: &[EffectRecord], key: &str) -> bool {
    effects.iter().any(|e| e.key == key)
}

async fn done(svc: &impl Ports, reference: &Reference, key: &str) -> Result<bool, PortError> {
    Ok(recorded(&svc.effects().recorded(reference).await?, key))
}
