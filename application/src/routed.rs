//! What the use cases on a routed report share: the report a routing message names, and what
//! handling it came to (which the SQS workers turn into a batch answer).

use oys_shared::routing::RoutingMessage;

use crate::ports::{PortError, StoredReport};

crate::services::use_case_ports! { ports: [WithReports] }

/// What handling a message came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Everything the message asked for is done (now or on an earlier delivery).
    Done,
    /// Consent no longer covers this route (withdrawn since): nothing sent, message consumed.
    NoConsent,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    /// No report with this reference: retried, then dead-lettered.
    #[error("no report with this reference")]
    UnknownReport,
    /// The message names a report id that is not the stored one's.
    #[error("message does not match the stored report")]
    Mismatch,
    #[error(transparent)]
    Port(#[from] PortError),
}

/// The report a message is about, checked to be the one the message was sent for.
pub async fn report_for(svc: &impl Ports, message: &RoutingMessage) -> Result<StoredReport, WorkerError> {
    let report = svc.reports().get_report(&message.reference).await?.ok_or(WorkerError::UnknownReport)?;
    if report.summary.report_id != message.report_id {
        return Err(WorkerError::Mismatch);
    }
    Ok(report)
}
