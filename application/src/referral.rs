//! The police referral: finds the force, sends the referral the consent allows to its referral
//! mailbox, records the disclosure, and tells the operators; or, when the force cannot be chosen
//! safely, asks the operators to choose. A report from the public form is prepared and held for
//! an operator to release. The police-referral worker and casework (a release, a chosen force)
//! both refer through here.

use std::collections::{HashMap, HashSet};

use tracing::{info, warn};

use oys_shared::casework::police_release_pending;
use oys_shared::deadlines::police_release_deadline;
use oys_shared::deadlines::{Deadline, DeadlineKind};
use oys_shared::effects::keys::{
    POLICE_AWAITING_RELEASE, POLICE_DISCLOSED, POLICE_FORCE_NEEDED, POLICE_OPERATORS_TOLD,
};
use oys_shared::effects::EffectKind;
use oys_shared::emails;
use oys_shared::geography;
use oys_shared::police::{decide_force, ForceDecision, ForceQuestion, PoliceReferral, BRITISH_TRANSPORT_POLICE};
use oys_shared::report::PlaceType;
use oys_shared::routing::RoutingMessage;
use oys_shared::Reference;

use crate::ports::StoredReport;
use crate::routed::{report_for, Outcome, WorkerError};
use crate::send_once::{send_and_record, RecordedEmail};
use crate::Services;

crate::services::use_case_ports! { ports: [WithReports, WithEffects, WithDeadlines, WithClock], calls: [routed, send_once] }

/// A referral as it stands: ready to go to a force, or why not.
pub enum Prepared {
    NoConsent,
    /// The narrative was erased: there is nothing to refer.
    Erased,
    /// The force cannot be chosen safely: an operator chooses among `candidates`.
    NeedsForce {
        question: ForceQuestion,
        candidates: Vec<String>,
    },
    Ready(Box<ReadyReferral>),
}

/// The force's referral, exactly as it would be sent.
pub struct ReadyReferral {
    pub force: String,
    pub mailbox: String,
    pub referral: PoliceReferral,
    /// The email, subject and body.
    pub text: emails::EmailText,
}

pub struct PoliceReferrals<S = Services> {
    services: S,
    /// Force id → the force's referral mailbox. A force without one goes to an operator.
    mailboxes: HashMap<String, String>,
}

impl<S: Ports> PoliceReferrals<S> {
    pub fn new(services: S, mailboxes: HashMap<String, String>) -> Self {
        PoliceReferrals { services, mailboxes }
    }

    /// Sends the referral a routing message asks for (from intake or the sweeper).
    pub async fn for_message(&self, message: &RoutingMessage) -> Result<Outcome, WorkerError> {
        let report = report_for(&self.services, message).await?;
        self.refer(&report, None).await
    }

    /// Sends the referral an operator released (to the force chosen or decided).
    pub async fn released(&self, reference: &Reference) -> Result<Outcome, WorkerError> {
        let report = self.services.reports().get_report(reference).await?.ok_or(WorkerError::UnknownReport)?;
        self.refer(&report, None).await
    }

    /// Sends the referral to the force an operator chose for a report that needed one.
    pub async fn to_chosen_force(&self, reference: &Reference, force: &str) -> Result<Outcome, WorkerError> {
        let report = self.services.reports().get_report(reference).await?.ok_or(WorkerError::UnknownReport)?;
        self.refer(&report, Some(force)).await
    }

    /// What the force would receive now, exactly as it would be sent: for an operator to read
    /// before releasing a referral. Sends and records nothing.
    pub fn preview(&self, report: &StoredReport) -> Prepared {
        self.prepare(report, None)
    }

    /// The referral's force, mailbox and document, or why there is none to send.
    fn prepare(&self, report: &StoredReport, chosen: Option<&str>) -> Prepared {
        // Consent is read from the store, not the message: it may have been withdrawn since, or
        // given since by a reporter who was not sure (`police_consent_now`).
        let consent = oys_shared::casework::police_consent_now(&report.summary, &report.state);
        if !consent.agreed() || report.state.police_consent_withdrawn.is_some() {
            return Prepared::NoConsent;
        }
        let summary = oys_shared::case_record::CaseSummary { police_consent: consent, ..report.summary.clone() };
        let Some(narrative) = &report.narrative else {
            return Prepared::Erased;
        };
        crate::telemetry::leak_canary!("worker", &narrative.description);
        let decision = match chosen.or(report.state.police_force.as_deref()) {
            Some(force) => ForceDecision::Automatic {
                force: force.to_string(),
                also: (report.summary.place_type == Some(PlaceType::PublicTransport)
                    && force != BRITISH_TRANSPORT_POLICE)
                    .then(|| BRITISH_TRANSPORT_POLICE.to_string()),
            },
            None => decide_force(narrative.postcode.as_ref(), report.summary.online, report.summary.place_type),
        };
        let (force, also, mailbox) = match decision {
            ForceDecision::Automatic { force, also } => match self.mailboxes.get(&force) {
                Some(mailbox) => (force, also, mailbox.clone()),
                None => return Prepared::NeedsForce { question: ForceQuestion::NoMailbox, candidates: vec![force] },
            },
            ForceDecision::NeedsOperator { question, candidates } => {
                return Prepared::NeedsForce { question, candidates };
            }
        };
        let referral = PoliceReferral::build(&summary, narrative, report.contact.as_ref(), &force)
            .expect("consent is not `no`, checked above");
        let text = emails::police_referral(&referral, also.as_deref());
        Prepared::Ready(Box::new(ReadyReferral { force, mailbox, referral, text }))
    }

    async fn refer(&self, report: &StoredReport, chosen: Option<&str>) -> Result<Outcome, WorkerError> {
        let svc = &self.services;
        let reference = &report.summary.reference;
        let done: HashSet<String> = svc.effects().recorded(reference).await?.into_iter().map(|e| e.key).collect();
        let ReadyReferral { force, mailbox, referral, text } = match self.prepare(report, chosen) {
            Prepared::NoConsent => {
                info!("no police consent (now): nothing sent");
                return Ok(Outcome::NoConsent);
            }
            Prepared::Erased => {
                // The report's personal data was erased before the referral: nothing to refer.
                warn!("narrative erased before referral: nothing sent");
                return Ok(Outcome::NoConsent);
            }
            Prepared::NeedsForce { question, candidates } => {
                // The operators read the consent as it stands (a decision made after "not sure").
                let consent = oys_shared::casework::police_consent_now(&report.summary, &report.state);
                let summary =
                    oys_shared::case_record::CaseSummary { police_consent: consent, ..report.summary.clone() };
                return self.ask_operators(&summary, &done, question, &candidates).await;
            }
            Prepared::Ready(ready) => *ready,
        };
        if police_release_pending(&report.summary, &report.state) {
            return self.await_release(report, &force, &done).await;
        }
        if !done.contains(POLICE_DISCLOSED) {
            let email = RecordedEmail {
                key: POLICE_DISCLOSED.into(),
                kind: EffectKind::Disclosure,
                to: vec![mailbox.clone()],
                recipient: format!("{} <{mailbox}>", geography::force_name(&force)),
                consent: Some(referral.consent().to_string()),
                detail: format!("police referral: {}", referral.disclosed_fields()),
                text,
            };
            send_and_record(svc, reference, email).await?;
            info!(force = %force, consent = %referral.consent(), "police referral sent");
        }
        if !done.contains(POLICE_OPERATORS_TOLD) {
            let text = emails::police_referral_sent(&report.summary, &referral, svc.clock().now());
            send_and_record(svc, reference, RecordedEmail::to_operators(svc, POLICE_OPERATORS_TOLD, text)).await?;
        }
        Ok(Outcome::Done)
    }

    /// A referral from the public form is prepared (force and document decided) but waits for
    /// an operator to release it; they are told once, and reminded on the release clock.
    async fn await_release(
        &self,
        report: &StoredReport,
        force: &str,
        done: &HashSet<String>,
    ) -> Result<Outcome, WorkerError> {
        let svc = &self.services;
        let reference = &report.summary.reference;
        let times = police_release_deadline(report.summary.received_at);
        svc.deadlines()
            .save_deadline(&Deadline::new(reference, DeadlineKind::PoliceRelease, &times, svc.clock().now(), None))
            .await?;
        if !done.contains(POLICE_AWAITING_RELEASE) {
            let text = emails::police_release_needed(&report.summary, force, times.remind_at);
            send_and_record(svc, reference, RecordedEmail::to_operators(svc, POLICE_AWAITING_RELEASE, text)).await?;
            info!(force = %force, "police referral prepared; awaiting an operator's release");
        }
        Ok(Outcome::Done)
    }

    async fn ask_operators(
        &self,
        summary: &oys_shared::case_record::CaseSummary,
        done: &HashSet<String>,
        question: ForceQuestion,
        candidates: &[String],
    ) -> Result<Outcome, WorkerError> {
        if !done.contains(POLICE_FORCE_NEEDED) {
            let text = emails::police_force_needed(summary, question, candidates);
            let email = RecordedEmail::to_operators(&self.services, POLICE_FORCE_NEEDED, text);
            send_and_record(&self.services, &summary.reference, email).await?;
            info!(%question, candidates = candidates.len(), "police force needs an operator");
        }
        Ok(Outcome::Done)
    }
}
