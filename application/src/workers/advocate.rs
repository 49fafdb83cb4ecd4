//! The advocate-assignment worker: ranks the partner organisations for the reporter, stores
//! the proposal for a person to confirm, starts the "operator calls the reporter" clock, and
//! emails the operators the proposal. Nothing about the reporter goes to any partner here.

use std::collections::HashSet;

use tracing::{info, warn};

use oys_shared::advocate::{rank_partners, MatchInput, Partner, Proposal};
use oys_shared::casework::CaseEvent;
use oys_shared::deadlines::operator_call_deadline;
use oys_shared::emails;
use oys_shared::routing::{Route, RoutingMessage};

use super::RoutedWorker;
use crate::routed::{report_for, Outcome, WorkerError};
use crate::send_once::{send_and_record, RecordedEmail};
use crate::services::Services;
use oys_shared::deadlines::{Deadline, DeadlineKind};
use oys_shared::effects::keys::ADVOCATE_OPERATORS_TOLD;

crate::services::use_case_ports! { ports: [WithAssignments, WithDeadlines, WithEffects, WithClock], calls: [routed, send_once] }

pub struct AdvocateAssignmentWorker<S = Services> {
    services: S,
    partners: Vec<Partner>,
}

impl<S: Ports> AdvocateAssignmentWorker<S> {
    pub fn new(services: S, partners: Vec<Partner>) -> Self {
        AdvocateAssignmentWorker { services, partners }
    }

    pub async fn handle(&self, message: RoutingMessage) -> Result<Outcome, WorkerError> {
        let svc = &self.services;
        let reference = &message.reference;
        let report = report_for(svc, &message).await?;
        // Asked for in the report, or later with the follow-up receipt.
        if !CaseEvent::wants_advocate(&report.summary, &report.state) {
            info!("advocate support no longer wanted: nothing done");
            return Ok(Outcome::NoConsent);
        }
        let now = svc.clock().now();
        let postcode_area = report.narrative.as_ref().and_then(|n| n.postcode.as_ref()).map(|p| p.area().to_string());
        let caseloads = svc.assignments().partner_caseloads().await?;
        let ranked =
            rank_partners(&MatchInput::from_summary(&report.summary, postcode_area), &self.partners, &caseloads);
        // A redelivery keeps the first proposal and the first deadline: the stored ones win.
        let proposal = svc
            .assignments()
            .save_proposal(&Proposal { reference: reference.clone(), ranked, proposed_at: now })
            .await?;

        let times = operator_call_deadline(report.summary.received_at);
        if !times.calendar_covered {
            warn!("the bank-holiday calendar does not cover this deadline: update shared/data");
        }
        let deadline = svc
            .deadlines()
            .save_deadline(&Deadline::new(reference, DeadlineKind::OperatorCall, &times, now, None))
            .await?;

        let done: HashSet<String> = svc.effects().recorded(reference).await?.into_iter().map(|e| e.key).collect();
        if !done.contains(ADVOCATE_OPERATORS_TOLD) {
            let text = emails::advocate_proposal(&report.summary, &proposal, &deadline.times());
            send_and_record(svc, reference, RecordedEmail::to_operators(svc, ADVOCATE_OPERATORS_TOLD, text)).await?;
        }
        info!(
            top = proposal.ranked.first().map(|p| p.partner_id.as_str()).unwrap_or("none"),
            due = %deadline.due_at,
            "advocate proposal stored"
        );
        Ok(Outcome::Done)
    }
}

#[async_trait::async_trait]
impl<S: Ports + Send> RoutedWorker for AdvocateAssignmentWorker<S> {
    fn route(&self) -> Route {
        Route::AdvocateAssignment
    }

    async fn handle(&self, message: RoutingMessage) -> Result<Outcome, WorkerError> {
        AdvocateAssignmentWorker::handle(self, message).await
    }
}
