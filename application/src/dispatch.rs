//! The dispatcher: what a committed write owes, sent after it, never on the request's path.
//!
//! A report, a follow-up or a casework change that owes deliveries (routing messages, the
//! operators' alert) writes them to the report's pending list *and* an outbox row, in the one
//! transaction that stores it. The request answers as soon as that transaction commits. The
//! row's arrival runs `dispatch`: in AWS the table's stream hands it to the outbox-dispatcher
//! function (event filtering passes outbox rows alone); locally the runner drains the outbox
//! table (`drain_outbox`). Either way the same code sends, through `intake::finish_deliveries`
//! (emails through `send_once`, claimed and recorded), then clears the row.
//!
//! A row handled twice (a stream record redelivered, a dispatcher killed before clearing it)
//! finds the pending list already emptied or the emails recorded: nothing is sent twice. What
//! the dispatcher cannot deliver (a queue or SES outage) stays pending: in AWS the stream
//! retries the record (bisecting the batch), then hands it to its on-failure queue; the
//! scheduled job's sweeper finishes every report still pending after `intake::SWEEP_GRACE` and
//! drains rows older than that (`sweep_outbox`). The sweeper is the backstop, not the path.

use tracing::{info, warn};

use crate::ports::{retry_transient, OutboxRow, PortError};

crate::services::use_case_ports! { ports: [WithReports, WithClock], calls: [intake] }

/// Sends what `row`'s report owes and clears the row. `Err` when something is left owed (it
/// stays pending, and the row stays for the next attempt).
pub async fn dispatch(svc: &impl Ports, row: &OutboxRow) -> Result<(), PortError> {
    let Some(report) = retry_transient(|| svc.reports().get_report(&row.reference)).await? else {
        // A row is written with its report: no report, nothing owed.
        return svc.reports().clear_outbox(row).await;
    };
    if !report.pending.is_empty() {
        let pending = report.pending.clone();
        let version = Some(report.state.version);
        let left =
            crate::intake::finish_deliveries(svc, &report.summary, &pending, Some(pending.clone()), version).await;
        if !left.is_empty() {
            warn!(reference = %row.reference, left = left.len(), "dispatch left deliveries owed; retried");
            return Err(PortError::new("dispatch", format!("{} deliveries still owed", left.len())));
        }
        info!(reference = %row.reference, delivered = pending.len(), "dispatched");
    }
    retry_transient(|| svc.reports().clear_outbox(row)).await
}

/// What one drain of the outbox did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DrainSummary {
    /// Rows read.
    pub rows: usize,
    /// Rows whose report is now fully delivered (and the row cleared).
    pub dispatched: usize,
    /// Rows left for the next drain (something still owed, or the row not cleared).
    pub failed: usize,
}

/// Dispatches the outbox rows written at or before `written_by`, oldest first, at most
/// `limit`: the local runner's loop (`written_by` = now), and the scheduled job's backstop for
/// rows the stream did not finish (`written_by` = a grace period ago).
pub async fn drain_outbox(
    svc: &impl Ports,
    written_by: jiff::Timestamp,
    limit: usize,
) -> Result<DrainSummary, PortError> {
    let rows = svc.reports().outbox(written_by, limit).await?;
    let mut summary = DrainSummary { rows: rows.len(), ..Default::default() };
    // Different reports at once; a report's second row after its first (which usually
    // delivers everything, leaving the second nothing to send), never beside it.
    let (mut first, mut later) = (Vec::new(), Vec::new());
    for row in &rows {
        if first.iter().any(|r: &&OutboxRow| r.reference == row.reference) {
            later.push(row);
        } else {
            first.push(row);
        }
    }
    for wave in [first, later] {
        let results = futures_util::future::join_all(wave.iter().map(|row| dispatch(svc, row))).await;
        for (row, result) in wave.iter().zip(results) {
            match result {
                Ok(()) => summary.dispatched += 1,
                Err(error) => {
                    summary.failed += 1;
                    warn!(reference = %row.reference, %error, "outbox row left for the next drain");
                }
            }
        }
    }
    Ok(summary)
}

/// The scheduled job's part: rows the stream should have dispatched long since.
pub async fn sweep_outbox(svc: &impl Ports, limit: usize) -> Result<DrainSummary, PortError> {
    let now = svc.clock().now();
    let written_by = now
        .checked_sub(jiff::SignedDuration::try_from(crate::intake::SWEEP_GRACE).expect("a short grace"))
        .unwrap_or(now);
    drain_outbox(svc, written_by, limit).await
}
