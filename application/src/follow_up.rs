//! Anonymous follow-up: a reporter adds information to their report, or asks for a caseworker
//! advocate, with the reference and the one-time receipt from the confirmation page.
//!
//! The receipt is stored only as a SHA-256 hash. A wrong receipt and an unknown reference get
//! the same answer after the same work (one hash either way). Each client takes at most
//! `ATTEMPTS_PER_CLIENT` wrong receipts an hour, and each reference, known or not, at most
//! `ATTEMPTS_PER_REFERENCE` from everyone: an attempt is taken (checked and counted in one
//! conditional write) before the receipt is checked, and given back when it was right. Operators
//! are alerted with the reference and the kind of addition, never its words or the phone.

use jiff::Timestamp;
use tracing::{info, warn};

use oys_shared::case_history::EventRecord;
use oys_shared::case_record::ContactDetails;
use oys_shared::casework::{apply_event, caseload_changes, CaseEvent, CaseListing, StaffRole};
use oys_shared::follow_up::{
    FollowUpReceipt, FollowUpRequest, ATTEMPTS_PER_CLIENT, ATTEMPTS_PER_REFERENCE, FAILED_ATTEMPT_WINDOW_SECONDS,
};
use oys_shared::routing::Delivery;
use oys_shared::{FieldError, Reference};

use crate::ports::{retry_transient, CaseChange, PortError};
use crate::send_once::{send_and_record, RecordedEmail};

crate::services::use_case_ports! { ports: [WithReports, WithQueue, WithMailer, WithClock, WithAlerts, WithRetention, WithFollowUps, WithEffects, WithCases], calls: [send_once] }

/// What a follow-up came to.
#[derive(Debug, PartialEq)]
pub enum FollowUpOutcome {
    Added {
        added_information: bool,
        asked_for_advocate: bool,
    },
    /// Field errors (nothing checked against the store, nothing counted).
    Invalid(Vec<FieldError>),
    /// A wrong receipt or an unknown reference: the same answer for both.
    NotRecognised,
    /// Too many wrong receipts for this reference in the last window.
    TooManyAttempts,
}

/// A new receipt for a report and the hash that is stored of it; the text goes to the reporter
/// only.
pub(crate) fn new_receipt(reference: &Reference) -> (FollowUpReceipt, String) {
    let receipt = FollowUpReceipt::from_entropy(random_u128());
    let hash = hash_receipt(reference, receipt.expose());
    (receipt, hash)
}

/// A new receipt for a stored report (a repeat of the same request), in place of the one held.
pub async fn issue_receipt(svc: &impl Ports, reference: &Reference) -> Result<FollowUpReceipt, PortError> {
    let (receipt, hash) = new_receipt(reference);
    retry_transient(|| svc.follow_ups().set_receipt_hash(reference, &hash)).await?;
    Ok(receipt)
}

/// Adds what the reporter sent to their case (read at the edge by
/// `oys_shared::follow_up::parse_follow_up`), if the reference and receipt match. `client` is
/// the caller's network address (hashed into a key here, never stored or logged as is).
pub async fn add_to_report(
    svc: &impl Ports,
    request: FollowUpRequest,
    client: Option<&str>,
) -> Result<FollowUpOutcome, PortError> {
    let now = svc.clock().now();
    let window = now.as_second().div_euclid(FAILED_ATTEMPT_WINDOW_SECONDS);
    let window_ends = Timestamp::from_second((window + 1) * FAILED_ATTEMPT_WINDOW_SECONDS).unwrap_or(now);
    let client_key = oys_shared::hex::sha256(format!("client#{}#{window}", client.unwrap_or("unknown")).as_bytes());
    // Keyed by the reference whether or not it exists, so the ceiling reveals nothing either.
    let reference_key = oys_shared::hex::sha256(format!("{}#{window}", request.reference).as_bytes());
    if !svc.follow_ups().take_attempt(&client_key, ATTEMPTS_PER_CLIENT, window_ends).await? {
        warn!("follow-up refused: too many wrong receipts from one client");
        return Ok(FollowUpOutcome::TooManyAttempts);
    }
    if !svc.follow_ups().take_attempt(&reference_key, ATTEMPTS_PER_REFERENCE, window_ends).await? {
        svc.follow_ups().give_back_attempt(&client_key).await?;
        warn!("follow-up refused: too many wrong receipts for one reference");
        return Ok(FollowUpOutcome::TooManyAttempts);
    }
    let stored = svc.follow_ups().receipt_hash(&request.reference).await?;
    let matches = stored.as_deref() == Some(hash_receipt(&request.reference, request.receipt.expose()).as_str());
    let report = if matches { svc.reports().get_report(&request.reference).await? } else { None };
    let Some(report) = report else {
        warn!("follow-up refused: reference and receipt not recognised");
        return Ok(FollowUpOutcome::NotRecognised);
    };
    // A right receipt counts against nobody.
    svc.follow_ups().give_back_attempt(&client_key).await?;
    svc.follow_ups().give_back_attempt(&reference_key).await?;
    apply(svc, request, report, now).await
}

async fn apply(
    svc: &impl Ports,
    request: FollowUpRequest,
    report: crate::ports::StoredReport,
    now: Timestamp,
) -> Result<FollowUpOutcome, PortError> {
    let reference = &report.summary.reference;
    let mut events = Vec::new();
    if let Some(text) = request.information.clone() {
        events.push(CaseEvent::ReporterAddedInformation { text });
    }
    if request.advocate_phone.is_some() {
        events.push(CaseEvent::ReporterAskedForAdvocate);
    }
    // The phone is saved with the event that asks for an advocate, in its version-checked
    // change: never onto a case erased or changed since it was read. It replaces nothing held and
    // reaches no partner until an operator confirms it (a receipt may be in other hands).
    let may_leave = report.state.share.is_some()
        || oys_shared::casework::police_consent_now(&report.summary, &report.state)
            == oys_shared::report::PoliceConsent::WithContactDetails;
    let given = request
        .advocate_phone
        .clone()
        .map(|phone| ContactDetails::with_follow_up_phone(report.contact.as_ref(), phone, may_leave));
    let phone_proposed = given.as_ref().is_some_and(|(_, proposed)| *proposed);
    let contact = given.map(|(contact, _)| contact);
    // Checked before anything is written: an erased or closed case refuses as a field error.
    let mut state = report.state.clone();
    let mut changes = Vec::new();
    for event in &events {
        let next = match apply_event(&state, &report.summary, event, "reporter", now, &[], &[]) {
            Ok((next, _)) => next,
            Err(mut errors) => {
                for error in &mut errors {
                    // Said of the follow-up's own fields.
                    error.field = match event {
                        CaseEvent::ReporterAskedForAdvocate => "advocate_phone".into(),
                        _ => "information".into(),
                    };
                }
                return Ok(FollowUpOutcome::Invalid(errors));
            }
        };
        let next = match event {
            // The phone it saves is contact details again, with their own (shorter) expiry.
            CaseEvent::ReporterAskedForAdvocate => {
                let mut next = svc.retention().contact_saved(&next, now);
                if phone_proposed {
                    next.phone_proposed_at = Some(now);
                }
                next
            }
            _ => svc.retention().extend(&next, now),
        };
        changes.push((event.clone(), state.clone(), next.clone()));
        state = next;
    }

    let added_information = request.information.is_some();
    let asked_for_advocate = request.advocate_phone.is_some();
    // What the addition owes (the advocate-assignment message, the operators' alert) is written
    // with it, so the sweeper finishes whatever this request cannot: the reporter's first
    // follow-up completes, and is never sent again to be stored twice.
    let mut owed = Vec::new();
    for (event, before, after) in changes {
        let asks_for_advocate = matches!(event, CaseEvent::ReporterAskedForAdvocate);
        // Each change owes its own part, so one written without the other still gets its alert.
        let owes = if asks_for_advocate {
            Delivery::for_follow_up(false, true, phone_proposed)
        } else {
            Delivery::for_follow_up(true, false, false)
        };
        owed.extend(owes.iter().copied());
        let record = EventRecord {
            id: uuid::Uuid::new_v4().simple().to_string(),
            at: now,
            by: "reporter".into(),
            role: StaffRole::Reporter,
            event,
            partner_id: None,
        };
        let change = CaseChange {
            caseloads: caseload_changes(&before, &after),
            listing: CaseListing::of(&report.summary, &after),
            state: after,
            contact: asks_for_advocate.then(|| contact.clone()).flatten(),
            event: record,
            count: None,
            owed: Some(crate::intake::owed(reference, owes, now)),
        };
        if !retry_transient(|| svc.cases().change_case(reference, &change)).await? {
            // Staff changed the case at the same moment: the reporter sends again.
            return Err(PortError::transient("follow-up", "case changed meanwhile"));
        }
    }
    // What it owes is the dispatcher's, through the outbox row written with each change.
    info!(reference = %reference, added_information, asked_for_advocate, phone_proposed, owed = owed.len(), "reporter added to their report");
    Ok(FollowUpOutcome::Added { added_information, asked_for_advocate })
}

/// Sends the operators' alert of what the reporter added with their receipt, from the
/// follow-up alert deliveries owed (the kinds, never the words), once: through `send_once`,
/// keyed by the case state's version that owes it. Every addition bumps the version and owes
/// its alert in the same write, so a dispatcher and the sweeper, or a stream record handled
/// twice, reading the same change claim the same key and one of them sends. `version`: as
/// read with the pending list (`None`: read now).
pub(crate) async fn send_alert(
    svc: &impl Ports,
    reference: &Reference,
    version: Option<u64>,
    owed: &[Delivery],
) -> Result<(), PortError> {
    let version = match version {
        Some(version) => version,
        None => match retry_transient(|| svc.reports().get_report(reference)).await? {
            Some(report) => report.state.version,
            // Erased meanwhile: nothing left to tell.
            None => return Ok(()),
        },
    };
    let text = oys_shared::emails::follow_up_alert(
        reference,
        svc.clock().now(),
        owed.contains(&Delivery::FollowUpInformationAlert),
        owed.contains(&Delivery::FollowUpAdvocateAlert),
        owed.contains(&Delivery::FollowUpPhoneProposedAlert),
    );
    let alert = RecordedEmail::to_operators(svc, &follow_up_alert_effect(version), text);
    send_and_record(svc, reference, alert).await.map(drop)
}

/// The effect key a follow-up's alert is recorded under: one per case state version.
pub fn follow_up_alert_effect(version: u64) -> String {
    format!("operators:follow_up:v{version}")
}

/// SHA-256 of the reference and the receipt. A receipt is 125 random bits, so a slow, salted
/// password hash (Argon2, bcrypt) would add nothing: finding one from its hash means trying
/// 2^124 receipts on average whatever the hash costs. NIST SP 800-63B (look-up secrets) asks
/// for a salted key-derivation function only below 64 bits. A fast hash also keeps each report
/// and each follow-up attempt cheap (Argon2's defaults cost 19 MiB and milliseconds of CPU).
/// Bound to the reference, so a hash copied to another case matches nothing.
fn hash_receipt(reference: &Reference, receipt: &str) -> String {
    format!("sha256:{}", oys_shared::hex::sha256(format!("{reference}#{receipt}").as_bytes()))
}

/// Two v4 UUIDs (122 random bits each), the second shifted over the first's fixed version and
/// variant bits: every one of the receipt's 125 bits is random.
fn random_u128() -> u128 {
    u128::from_le_bytes(uuid::Uuid::new_v4().into_bytes())
        ^ (u128::from_le_bytes(uuid::Uuid::new_v4().into_bytes()) << 6)
}

/// Seconds until the failed-attempt window ends: the `Retry-After` of a refused follow-up.
pub fn retry_after_seconds(now: Timestamp) -> u64 {
    let into = now.as_second().rem_euclid(FAILED_ATTEMPT_WINDOW_SECONDS);
    (FAILED_ATTEMPT_WINDOW_SECONDS - into) as u64
}
