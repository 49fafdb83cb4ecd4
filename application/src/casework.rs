//! Casework: what operators, leads and advocates do with cases (the operator routes of docs/openapi.json).
//!
//! Every function takes the authenticated `Caller` and enforces what its role may see: an
//! advocate sees only cases shared with their partner organisation (anything else is "not
//! found", so even a case's existence is not revealed). Every read of a case by a person and
//! every export is written to the append-only audit trail.

use std::collections::HashMap;

use jiff::Timestamp;
use serde::Serialize;

use tracing::{info, warn};

use oys_shared::advocate::{Partner, Proposal};
use oys_shared::case_record::{CaseSummary, ContactDetails, Narrative};
use oys_shared::casework::{
    apply_event, caseload_changes, status, Caller, CaseEvent, CaseState, CaseStatus, Consequence, HandoffDetails,
};
use oys_shared::{ErrorCode, FieldError, Reference};

use crate::ports::{retry_transient, CaseChange, CaseFilter, PortError, StoredReport};
use crate::services::Services;
use oys_shared::case_history::{AuditEntry, EventRecord};
use oys_shared::casework::{AdvocateCaseListing, CaseListing};
use oys_shared::deadlines::{advocate_call_deadline, Deadline, DeadlineKind};
use oys_shared::effects::{EffectKind, EffectRecord};
use oys_shared::statistics::MonthOutlook;

crate::services::use_case_ports! { ports: [WithReports, WithCases, WithDeadlines, WithEffects, WithAssignments, WithAudit, WithClock, WithRetention, WithStatistics], calls: [intake, follow_up, retention, statistics] }

/// What an event's consequences owe the dispatcher, each once; `None` if nothing.
fn owed_by(consequences: &[Consequence]) -> Option<Vec<oys_shared::routing::Delivery>> {
    let owed = crate::intake::without_repeats(consequences.iter().filter_map(Consequence::delivery));
    (!owed.is_empty()).then_some(owed)
}

/// The most cases one list answers with (the newest first).
const CASE_LIST_LIMIT: usize = 200;

/// Everything held about one report, as an operator's subject-access export gives it
/// (`GET /v1/cases/{reference}/export`): `audit` only for leads.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseExport {
    pub reference: Reference,
    pub exported_at: jiff::Timestamp,
    pub report: ExportedReport,
    pub state: CaseState,
    pub proposal: Option<Proposal>,
    pub deadlines: Vec<oys_shared::deadlines::Deadline>,
    pub events: Vec<EventRecord>,
    pub disclosures_and_notices: Vec<oys_shared::effects::EffectRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit: Option<Vec<oys_shared::case_history::AuditEntry>>,
}

/// The stored report in an export: its three parts.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportedReport {
    pub summary: CaseSummary,
    pub narrative: Option<Narrative>,
    pub contact: Option<ContactDetails>,
}

/// What casework needs beyond the shared services.
pub struct Casework<S = Services> {
    pub services: S,
    pub partners: Vec<Partner>,
    pub force_mailboxes: HashMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("not authenticated")]
    Unauthenticated,
    #[error("not allowed for this role")]
    Forbidden,
    #[error("no such case")]
    NotFound,
    #[error("invalid")]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Port(#[from] PortError),
    /// An erasure that began and stopped part-way: its personal data may be gone already.
    #[error("erasure incomplete")]
    ErasureIncomplete(Box<ErasureIncomplete>),
}

/// The steps of an erasure request, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErasureStep {
    /// The narrative, contact details and the words of notes, in the store.
    PersonalData,
    /// The copies the mailer kept of the case's emails (the local outbox).
    KeptCopies,
    /// The erasure written to the case's audit trail.
    Audit,
    /// Each organisation that received the case's details told of the erasure.
    ErasureNotices,
}

impl ErasureStep {
    pub const ALL: [ErasureStep; 4] =
        [ErasureStep::PersonalData, ErasureStep::KeptCopies, ErasureStep::Audit, ErasureStep::ErasureNotices];

    pub fn as_str(self) -> &'static str {
        match self {
            ErasureStep::PersonalData => "personal_data",
            ErasureStep::KeptCopies => "kept_copies",
            ErasureStep::Audit => "audit",
            ErasureStep::ErasureNotices => "erasure_notices",
        }
    }
}

/// What an erasure that stopped had done, and why it stopped.
#[derive(Debug)]
pub struct ErasureIncomplete {
    /// The steps done, in order; the others were not (the first of them may be part-done).
    pub done: Vec<ErasureStep>,
    pub error: CaseError,
}

impl ErasureIncomplete {
    pub fn not_done(&self) -> Vec<ErasureStep> {
        ErasureStep::ALL.into_iter().filter(|s| !self.done.contains(s)).collect()
    }
}

/// A case as its reader may see it.
#[derive(Debug, Serialize)]
pub struct CaseView {
    pub reference: Reference,
    pub status: CaseStatus,
    pub summary: CaseSummary,
    pub state: CaseState,
    /// Personal data: `null` once erased.
    pub narrative: Option<Narrative>,
    pub contact: Option<ContactDetails>,
    pub deadlines: Vec<Deadline>,
    /// Operators only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosures: Option<Vec<EffectRecord>>,
    pub events: Vec<EventRecord>,
}

/// A case as an advocate of the partner it is shared with sees it: what the handoff holds, their
/// own call-back clock, and what their own organisation recorded. Nothing else: not heritage,
/// not the police choice, not operators' or another partner's notes or staff ids.
#[derive(Debug, Serialize)]
pub struct AdvocateCaseView {
    pub reference: Reference,
    pub status: CaseStatus,
    #[serde(flatten)]
    pub details: HandoffDetails,
    pub deadlines: Vec<Deadline>,
    pub events: Vec<EventRecord>,
}

/// Who read, exported or erased a case, and what left the service about it (`GET /audit`).
#[derive(Debug, Serialize)]
pub struct AuditTrail {
    pub reference: Reference,
    pub reads_and_exports: Vec<AuditEntry>,
    pub disclosures: Vec<EffectRecord>,
}

/// What leads oversee across the open cases.
#[derive(Debug)]
pub struct Oversight {
    pub escalations: Vec<oys_shared::oversight::Escalation>,
    pub caseload: oys_shared::oversight::Caseload,
    /// The open cases read stopped at the list limit: the figures may leave some out.
    pub listed_limit_reached: bool,
}

/// A line of a case list, as its reader may see it.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum CaseLine {
    Staff(CaseListing),
    Advocate(AdvocateCaseListing),
}

/// One case, as its reader may see it.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum CaseDetail {
    Staff(Box<CaseView>),
    Advocate(Box<AdvocateCaseView>),
}

impl<S: Ports> Casework<S> {
    /// The case if `caller` may see it; "not found" otherwise, whether or not it exists.
    async fn visible_case(&self, caller: &Caller, reference: &Reference) -> Result<StoredReport, CaseError> {
        let svc = &self.services;
        let report = retry_transient(|| svc.reports().get_report(reference)).await?.ok_or(CaseError::NotFound)?;
        if caller.is_operator() {
            return Ok(report);
        }
        match caller.advocate_of() {
            Some(partner) if report.state.shared_with() == Some(partner) => Ok(report),
            _ => Err(CaseError::NotFound),
        }
    }

    async fn audit(&self, caller: &Caller, reference: &Reference, action: &str) -> Result<(), CaseError> {
        let entry = AuditEntry {
            id: uuid::Uuid::new_v4().simple().to_string(),
            reference: reference.clone(),
            at: self.services.clock().now(),
            actor: caller.user.clone(),
            role: caller.main_role(),
            action: action.to_string(),
        };
        self.services.audit().append(&entry).await?;
        Ok(())
    }

    /// The cases `caller` may see, newest first, with their next open deadline.
    pub async fn list(
        &self,
        caller: &Caller,
        status: Option<CaseStatus>,
        due_before: Option<Timestamp>,
    ) -> Result<Vec<CaseLine>, CaseError> {
        let shared_with = match (caller.is_operator(), caller.advocate_of()) {
            (true, _) => None,
            (false, Some(partner)) => Some(partner.to_string()),
            (false, None) => return Err(CaseError::Forbidden),
        };
        let statuses = status.map_or_else(CaseStatus::listed_by_default, |status| vec![status]);
        let filter = CaseFilter { statuses, shared_with, limit: CASE_LIST_LIMIT };
        let mut listings = self.services.cases().list_cases(&filter).await?;
        // The next deadline of each listed case (a list is at most CASE_LIST_LIMIT cases).
        for listing in &mut listings {
            let deadlines = self.services.deadlines().for_case(&listing.reference).await?;
            listing.next_due_at = deadlines
                .iter()
                .filter(|d| d.met_at.is_none())
                .filter(|d| caller.is_operator() || d.kind == DeadlineKind::AdvocateCall)
                .map(|d| d.due_at)
                .min();
        }
        if let Some(before) = due_before {
            listings.retain(|l| l.next_due_at.is_some_and(|due| due <= before));
        }
        // An advocate's list holds what their view of a case holds (need to know).
        let staff = caller.is_operator();
        Ok(listings
            .into_iter()
            .map(|l| if staff { CaseLine::Staff(l) } else { CaseLine::Advocate(l.into()) })
            .collect())
    }

    /// The operators' work queue: every open case in each section it waits in (`work_queue`).
    pub async fn work_queue(
        &self,
        caller: &Caller,
    ) -> Result<Vec<(oys_shared::work_queue::QueueSection, Vec<oys_shared::work_queue::QueueRow>)>, CaseError> {
        if !caller.is_operator() {
            return Err(CaseError::Forbidden);
        }
        let cases = self.open_cases_with_deadlines().await?;
        Ok(oys_shared::work_queue::work_queue(cases, self.services.clock().now()))
    }

    /// The open cases (at most `CASE_LIST_LIMIT`, newest first), each with its deadlines.
    async fn open_cases_with_deadlines(&self) -> Result<Vec<(CaseListing, Vec<Deadline>)>, CaseError> {
        let filter =
            CaseFilter { statuses: CaseStatus::listed_by_default(), shared_with: None, limit: CASE_LIST_LIMIT };
        let listings = self.services.cases().list_cases(&filter).await?;
        let mut cases = Vec::with_capacity(listings.len());
        for listing in listings {
            let deadlines = self.services.deadlines().for_case(&listing.reference).await?;
            cases.push((listing, deadlines));
        }
        Ok(cases)
    }

    /// For leads: the overdue clocks past their escalation time, and the caseload of the open
    /// cases per partner organisation and per state of the flow (`oversight`).
    pub async fn oversight(&self, caller: &Caller) -> Result<Oversight, CaseError> {
        if !caller.is_lead() {
            return Err(CaseError::Forbidden);
        }
        let cases = self.open_cases_with_deadlines().await?;
        let now = self.services.clock().now();
        let partners: Vec<&str> = self.partners.iter().map(|p| p.id.as_str()).collect();
        Ok(Oversight {
            escalations: oys_shared::oversight::escalations(&cases, now),
            caseload: oys_shared::oversight::caseload(&cases, &partners, now),
            listed_limit_reached: cases.len() >= CASE_LIST_LIMIT,
        })
    }

    /// For leads: what the statistics page will show for each month not yet published (the
    /// month under way included), and when each is due to be published.
    pub async fn statistics_outlook(&self, caller: &Caller) -> Result<Vec<(MonthOutlook, String)>, CaseError> {
        if !caller.is_lead() {
            return Err(CaseError::Forbidden);
        }
        let svc = &self.services;
        let published: Vec<String> = svc.statistics().published_months().await?.into_iter().map(|m| m.month).collect();
        Ok(svc
            .statistics()
            .month_counts()
            .await?
            .iter()
            .filter(|counts| !published.contains(&counts.month))
            .map(|counts| {
                (
                    oys_shared::statistics::outlook(counts, *svc.disclosure_threshold()),
                    crate::statistics::publication_date(&counts.month),
                )
            })
            .collect())
    }

    /// One case; the read is audited.
    pub async fn detail(&self, caller: &Caller, reference: &Reference) -> Result<CaseDetail, CaseError> {
        let report = self.visible_case(caller, reference).await?;
        self.audit(caller, reference, "read").await?;
        let svc = &self.services;
        let mut deadlines = svc.deadlines().for_case(reference).await?;
        let mut events = svc.cases().events(reference).await?;
        let status = status(&report.summary, &report.state);
        if let Some(partner) = caller.advocate_of().filter(|_| !caller.is_operator()) {
            deadlines.retain(|d| d.kind == DeadlineKind::AdvocateCall && d.partner_id.as_deref() == Some(partner));
            events.retain(|e| e.partner_id.as_deref() == Some(partner));
            return Ok(CaseDetail::Advocate(Box::new(AdvocateCaseView {
                reference: reference.clone(),
                status,
                details: HandoffDetails::new(&report.summary, report.narrative.as_ref(), report.contact.as_ref()),
                deadlines,
                events,
            })));
        }
        let effects = svc.effects().recorded(reference).await?;
        Ok(CaseDetail::Staff(Box::new(CaseView {
            reference: reference.clone(),
            status,
            summary: report.summary,
            state: report.state,
            narrative: report.narrative,
            contact: report.contact,
            deadlines,
            proposal: svc.assignments().proposal(reference).await?,
            disclosures: Some(effects.into_iter().filter(|e| e.kind == EffectKind::Disclosure).collect()),
            events,
        })))
    }

    /// Records an event (read at the edge by `oys_shared::casework::parse_event`) and does what
    /// follows from it (handoff, withdrawal notice, referral, deadlines, retention).
    pub async fn record_event(
        &self,
        caller: &Caller,
        reference: &Reference,
        event: CaseEvent,
    ) -> Result<EventRecord, CaseError> {
        let report = self.visible_case(caller, reference).await?;
        // Closing an erased case keeps no new words (notes are refused by `apply_event`).
        let event = match event {
            CaseEvent::CaseClosed { .. } if report.state.erased_at.is_some() => event.redacted(),
            event => event,
        };
        if !caller.is_operator() && !event.allowed_for_advocate() {
            return Err(CaseError::Forbidden);
        }
        let now = self.services.clock().now();
        let partners: Vec<&str> = self.partners.iter().map(|p| p.id.as_str()).collect();
        let forces: Vec<&str> = oys_shared::geography::all_forces().collect();
        let (state, consequences) =
            apply_event(&report.state, &report.summary, &event, &caller.user, now, &partners, &forces)
                .map_err(CaseError::Invalid)?;
        // Whatever is done on a case keeps its data for the retention periods from now; a phone
        // confirmed is contact details saved now.
        let confirmed = matches!(event, CaseEvent::ReporterPhoneConfirmed);
        let state = if confirmed {
            self.services.retention().contact_saved(&state, now)
        } else {
            self.services.retention().extend(&state, now)
        };
        let record = EventRecord {
            id: uuid::Uuid::new_v4().simple().to_string(),
            at: now,
            by: caller.user.clone(),
            role: caller.main_role(),
            event: event.clone(),
            // An advocate's events are their organisation's: another partner never reads them.
            partner_id: caller.advocate_of().filter(|_| !caller.is_operator()).map(str::to_string),
        };
        let change = CaseChange {
            caseloads: caseload_changes(&report.state, &state),
            listing: CaseListing::of(&report.summary, &state),
            state,
            event: record.clone(),
            // A withdrawal as duplicate or spam takes the report out of its month's counts.
            count: matches!(event, CaseEvent::WithdrawnAsDuplicateOrSpam)
                .then(|| oys_shared::statistics::CountChange::of(&report.summary, -1)),
            // The proposed phone replaces the one held, in the same version-checked change.
            contact: confirmed.then(|| report.contact.as_ref().map(|c| c.with_proposed_phone_confirmed())).flatten(),
            // What the event owes an organisation (a handoff, a notice, a police referral) is
            // owed in the change's own write and sent by the dispatcher, as a report's routes are:
            // recorded is never lost, and an email outage never fails the operator's action.
            owed: owed_by(&consequences).map(|deliveries| crate::intake::owed(reference, deliveries, now)),
        };
        let svc = &self.services;
        let changed = retry_transient(|| svc.cases().change_case(reference, &change)).await?;
        if !changed {
            return Err(CaseError::Invalid(vec![FieldError::new("type", ErrorCode::VersionConflict)]));
        }
        self.audit(caller, reference, &format!("event:{}", event.kind())).await?;
        info!(reference = %reference, event = event.kind(), "case event recorded");
        for consequence in consequences {
            self.carry_out(reference, consequence, now).await?;
        }
        Ok(record)
    }

    /// Does what follows from an event on the case's own records (its deadlines). What it owes
    /// others is the dispatcher's (`owed_by`).
    async fn carry_out(
        &self,
        reference: &Reference,
        consequence: Consequence,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        match consequence {
            Consequence::ReleasePoliceReferral | Consequence::NotifyPoliceWithdrawal => {
                self.meet(reference, &[DeadlineKind::PoliceRelease], now).await?
            }
            Consequence::MeetOperatorCall => self.meet(reference, &[DeadlineKind::OperatorCall], now).await?,
            Consequence::MeetAdvocateCall => self.meet(reference, &[DeadlineKind::AdvocateCall], now).await?,
            Consequence::Close => {
                let all = [DeadlineKind::OperatorCall, DeadlineKind::AdvocateCall, DeadlineKind::PoliceRelease];
                self.meet(reference, &all, now).await?
            }
            // The advocate's clock runs from the consent; the handoff itself is the dispatcher's.
            Consequence::HandOff { partner_id } => {
                let times = advocate_call_deadline(now);
                let deadline = Deadline::new(reference, DeadlineKind::AdvocateCall, &times, now, Some(&partner_id));
                self.services.deadlines().save_deadline(&deadline).await?;
            }
            // Sent by the dispatcher (`notices`, the police-referral worker): owed by the change.
            Consequence::NotifyWithdrawal { .. } | Consequence::ReferToPolice { .. } | Consequence::RouteToPolice => {}
            // Only the reporter's own request makes it, and `follow_up::add_to_report` routes it.
            Consequence::AssignAdvocate => {}
        }
        Ok(())
    }

    /// Marks deadlines met: no more alerts for them.
    async fn meet(&self, reference: &Reference, kinds: &[DeadlineKind], now: Timestamp) -> Result<(), CaseError> {
        for deadline in self.services.deadlines().for_case(reference).await? {
            if kinds.contains(&deadline.kind) && deadline.met_at.is_none() {
                let expected = deadline.next_alert_at;
                self.services.deadlines().update_deadline(&deadline.met(now), expected).await?;
            }
        }
        Ok(())
    }

    /// Everything held about a report (subject access), for operators; audited as an export.
    pub async fn export(&self, caller: &Caller, reference: &Reference) -> Result<CaseExport, CaseError> {
        if !caller.is_operator() {
            return Err(CaseError::Forbidden);
        }
        let report = self.visible_case(caller, reference).await?;
        self.audit(caller, reference, "export").await?;
        let svc = &self.services;
        // Who read the case and when is for leads, as `/audit` is.
        let audit = if caller.is_lead() { Some(svc.audit().entries(reference).await?) } else { None };
        Ok(CaseExport {
            reference: reference.clone(),
            exported_at: svc.clock().now(),
            report: ExportedReport { summary: report.summary, narrative: report.narrative, contact: report.contact },
            state: report.state,
            proposal: svc.assignments().proposal(reference).await?,
            deadlines: svc.deadlines().for_case(reference).await?,
            events: svc.cases().events(reference).await?,
            disclosures_and_notices: svc.effects().recorded(reference).await?,
            audit,
        })
    }

    /// Erases the report's personal data on request; categories stay for statistics. Once the
    /// erasure has begun, a failure says which steps were done (`CaseError::ErasureIncomplete`):
    /// never "nothing was changed". Asking again finishes it; nothing is done twice.
    pub async fn erase(&self, caller: &Caller, reference: &Reference) -> Result<(), CaseError> {
        if !caller.is_operator() {
            return Err(CaseError::Forbidden);
        }
        self.visible_case(caller, reference).await?;
        let mut done = Vec::new();
        let mut step = |step: ErasureStep, result: Result<(), CaseError>| match result {
            Ok(()) => {
                done.push(step);
                Ok(())
            }
            Err(error) => {
                warn!(reference = %reference, step = step.as_str(), "erasure stopped part-way");
                Err(CaseError::ErasureIncomplete(Box::new(ErasureIncomplete { done: done.clone(), error })))
            }
        };
        let svc = &self.services;
        step(
            ErasureStep::PersonalData,
            crate::retention::erase_stored(svc, reference, svc.clock().now()).await.map(drop).map_err(CaseError::from),
        )?;
        step(
            ErasureStep::KeptCopies,
            crate::retention::erase_kept_copies(svc, reference).await.map(drop).map_err(CaseError::from),
        )?;
        step(ErasureStep::Audit, self.audit(caller, reference, "erase").await)?;
        step(ErasureStep::ErasureNotices, self.erasure_notices(reference).await)?;
        info!(reference = %reference, "personal data erased on request");
        Ok(())
    }

    /// Every organisation that received the case's details is to be told, once (UK GDPR art.
    /// 19): owed to the dispatcher (`notices`), which sends the notices.
    async fn erasure_notices(&self, reference: &Reference) -> Result<(), CaseError> {
        let svc = &self.services;
        let now = svc.clock().now();
        let owed = crate::intake::owed(reference, vec![oys_shared::routing::Delivery::ErasureNotices], now);
        retry_transient(|| svc.reports().owe(reference, &owed)).await?;
        Ok(())
    }

    /// The audit trail of a case, with its disclosures, for leads. Reading it is a read of the
    /// case by a person, so it is audited too (and the answer includes this read).
    pub async fn audit_trail(&self, caller: &Caller, reference: &Reference) -> Result<AuditTrail, CaseError> {
        if !caller.is_lead() {
            return Err(CaseError::Forbidden);
        }
        self.visible_case(caller, reference).await?;
        self.audit(caller, reference, "audit_read").await?;
        let svc = &self.services;
        let disclosures: Vec<EffectRecord> =
            svc.effects().recorded(reference).await?.into_iter().filter(|e| e.kind == EffectKind::Disclosure).collect();
        Ok(AuditTrail {
            reference: reference.clone(),
            reads_and_exports: svc.audit().entries(reference).await?,
            disclosures,
        })
    }

    /// Records that `caller` took a report by phone or webchat.
    pub async fn report_taken(&self, caller: &Caller, reference: &Reference) -> Result<(), CaseError> {
        self.audit(caller, reference, "report_taken").await
    }
}
