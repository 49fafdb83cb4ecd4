//! The retention purge, run by the scheduled job: nothing personal is kept past its expiry.
//!
//! Every report has an expiry from the moment it arrives (`RetentionPolicy`), pushed back by
//! anything done on the case. The job reads the cases whose next expiry falls within the
//! warning window, through an index: it erases what is due (contact details first, then the
//! narrative and the words of notes) and, for an open case nobody has touched, tells the
//! operators once, ahead of time, so they can close it or keep it going.

use std::time::Duration;

use jiff::Timestamp;
use tracing::info;

use oys_shared::case_history::EventRecord;
use oys_shared::casework::{contact_details_erased, due_erasure, erased, CaseListing, ErasureScope};
use oys_shared::emails;
use oys_shared::Reference;

use crate::ports::{Erasure, PortError, TRANSIENT_ATTEMPTS};
use crate::send_once::{send_and_record, RecordedEmail};
use oys_shared::effects::EffectKind;

crate::services::use_case_ports! { ports: [WithPersonalData, WithReports, WithCases, WithEffects, WithMailer, WithAlerts], calls: [send_once] }

/// How long before an open case's data expires the operators are told.
pub const WARNING: Duration = Duration::from_secs(14 * 24 * 3600);
/// How many cases one run handles (the next run takes the rest).
pub const BATCH: usize = 200;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RetentionSummary {
    /// Cases whose personal data was erased entirely.
    pub erased: usize,
    /// Cases whose contact details were erased (the narrative stays a while longer).
    pub contact_details_erased: usize,
    /// Open cases the operators were told about, ahead of their expiry.
    pub warned: usize,
}

pub async fn purge(svc: &impl Ports, now: Timestamp) -> Result<RetentionSummary, PortError> {
    let window = oys_shared::calendar::after(now, WARNING);
    let mut summary = RetentionSummary::default();
    for reference in svc.personal_data().expiring(window, BATCH).await? {
        let Some(report) = svc.reports().get_report(&reference).await? else { continue };
        match due_erasure(&report.state, now) {
            Some(ErasureScope::All) => {
                erase_case(svc, &reference, now).await?;
                summary.erased += 1;
                info!(%reference, "personal data erased: its retention period ended");
            }
            Some(ErasureScope::ContactDetails) => {
                let state = contact_details_erased(&report.state, now);
                let listing = CaseListing::of(&report.summary, &state);
                if svc.personal_data().erase_contact_details(&state, &listing).await? {
                    summary.contact_details_erased += 1;
                    info!(%reference, "contact details erased: their retention period ended");
                }
            }
            None if report.state.closed_at.is_none() => {
                summary.warned += usize::from(warn_once(svc, &reference, &report.state).await?);
            }
            None => {}
        }
    }
    Ok(summary)
}

/// Erases a case's personal data at `at`: the narrative, the contact details and the words of
/// notes go, with any copies the mailer kept; the categories, state, deadlines and audit trail
/// stay. `false` if there is no such case.
pub async fn erase_case(svc: &impl Ports, reference: &Reference, at: Timestamp) -> Result<bool, PortError> {
    if !erase_stored(svc, reference, at).await? {
        return Ok(false);
    }
    erase_kept_copies(svc, reference).await?;
    Ok(true)
}

/// Deletes the copies the mailer kept of the case's emails (the local outbox keeps each one).
pub async fn erase_kept_copies(svc: &impl Ports, reference: &Reference) -> Result<usize, PortError> {
    svc.mailer().erase_copies(reference).await
}

/// What `erase_case` does in the store, without the mailer's copies (an erasure request says
/// which of the two was done). `false` if there is no such case.
pub async fn erase_stored(svc: &impl Ports, reference: &Reference, at: Timestamp) -> Result<bool, PortError> {
    for _ in 0..TRANSIENT_ATTEMPTS {
        let Some(report) = svc.reports().get_report(reference).await? else { return Ok(false) };
        let events = svc.cases().events(reference).await?;
        let state = erased(&report.state, at);
        let erasure = Erasure {
            listing: CaseListing::of(&report.summary, &state),
            state,
            redacted_events: events.iter().filter_map(EventRecord::erased).collect(),
        };
        // `false`: the case changed while this was worked out (a note, an event): again.
        if svc.personal_data().erase_personal_data(&erasure).await? {
            return Ok(true);
        }
    }
    Err(PortError::transient("erase personal data", "the case kept changing; the next run tries again"))
}

/// Tells the operators, once per expiry date, that an open case's data is about to go.
async fn warn_once(
    svc: &impl Ports,
    reference: &Reference,
    state: &oys_shared::casework::CaseState,
) -> Result<bool, PortError> {
    let Some(expires) = state.personal_data_expires_at else { return Ok(false) };
    let key = format!("retention_warning:{}", expires.as_second());
    if svc.effects().recorded(reference).await?.iter().any(|e| e.key == key) {
        return Ok(false);
    }
    let what = if state.contact_expires_at == Some(expires) { "contact details" } else { "personal data" };
    let text = emails::retention_warning(reference, what, expires);
    let email = RecordedEmail {
        key,
        kind: EffectKind::Notice,
        to: svc.alerts().operators.clone(),
        recipient: "operators".into(),
        consent: None,
        detail: "retention warning".into(),
        text,
    };
    send_and_record(svc, reference, email).await
}
