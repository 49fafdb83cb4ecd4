//! The scheduled job (EventBridge Scheduler, every 15 minutes): reminders before a deadline,
//! an overdue alert at it, an escalation to the leads the next working day — each sent once —
//! then the routing sweeper, then the retention purge, then the publication of closed months'
//! statistics.
//!
//! Deadlines are found through the `next_alert_at` index: the job reads the deadlines that have
//! something due, never every case. Each alert is sent, then the deadline moves on with a
//! conditional write; running the job twice in a row sends nothing new.

use jiff::Timestamp;
use tracing::{error, info, warn};

use oys_shared::deadlines::escalation_time;
use oys_shared::emails;

use crate::intake::sweep_pending_routing;
use crate::ports::PortError;
use crate::send_once::{send_and_record, RecordedEmail};
use oys_shared::deadlines::{AlertLevel, Deadline};
use oys_shared::effects::EffectKind;

crate::services::use_case_ports! { ports: [WithDeadlines, WithClock, WithAlerts], calls: [intake, dispatch, retention, send_once, statistics] }

/// How many due deadlines one run handles (the next run takes the rest).
pub const BATCH: usize = 200;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ReminderSummary {
    /// Deadlines read through the index.
    pub read: usize,
    pub reminders: usize,
    pub overdue: usize,
    pub escalations: usize,
    /// Reports whose routing the sweeper finished.
    pub routed: usize,
    /// Reports still pending routing after the sweep (past their grace period): trouble.
    pub still_pending: usize,
    /// Outbox rows past the grace period that the stream's dispatcher had not cleared, now
    /// dispatched by the job (their deliveries, if any were left, went with the sweep).
    pub stale_outbox_rows: usize,
    /// Cases whose personal data expired and was erased.
    pub purged: usize,
    /// Cases whose contact details expired and were erased.
    pub contact_details_purged: usize,
    /// Open cases the operators were told are about to expire.
    pub retention_warnings: usize,
    /// Closed months published to the public statistics.
    pub months_published: usize,
    /// Steps that failed this run (an alert, the sweep, the purge, the publication): each is
    /// logged, the rest of the run goes on, and the next run tries again.
    pub failures: usize,
}

/// The level due now and when the one after it falls due.
fn level_due(deadline: &Deadline, now: Timestamp) -> Option<(AlertLevel, Option<Timestamp>)> {
    let escalate_at = escalation_time(deadline.due_at);
    let schedule = [
        (AlertLevel::Reminder, deadline.remind_at),
        (AlertLevel::Overdue, deadline.due_at),
        (AlertLevel::Escalation, escalate_at),
    ];
    // The latest level whose time has come and that was not sent: after a pause in the job,
    // a reporter waiting past the deadline gets the overdue alert, not a stale reminder.
    let (index, (level, _)) =
        schedule.iter().enumerate().rev().find(|(_, (level, at))| *at <= now && !deadline.sent.contains(level))?;
    let next = schedule.get(index + 1).map(|(_, at)| *at);
    Some((*level, next))
}

/// Runs the job. One failing alert does not stop the others, and the sweeper, the purge and the
/// publication run whatever happened before them: a failure is counted, logged, and retried by
/// the next run.
pub async fn run(svc: &impl Ports, lead_addresses: &[String]) -> Result<ReminderSummary, PortError> {
    let now = svc.clock().now();
    let mut summary = ReminderSummary::default();
    match svc.deadlines().deadlines_due(now, BATCH).await {
        Ok(due) => {
            summary.read = due.len();
            for deadline in due {
                let reference = deadline.reference.clone();
                if let Err(error) = alert_once(svc, lead_addresses, deadline, now, &mut summary).await {
                    summary.failures += 1;
                    error!(%reference, %error, "deadline alert failed; the next run tries again");
                }
            }
        }
        Err(error) => {
            summary.failures += 1;
            error!(%error, "could not read due deadlines");
        }
    }
    match sweep_pending_routing(svc, BATCH).await {
        Ok(sweep) => {
            summary.routed = sweep.completed;
            summary.still_pending = sweep.due - sweep.completed;
        }
        Err(error) => {
            summary.failures += 1;
            error!(%error, "routing sweep failed");
        }
    }
    match crate::dispatch::sweep_outbox(svc, BATCH).await {
        Ok(drain) => {
            summary.stale_outbox_rows = drain.rows;
            summary.failures += drain.failed;
        }
        Err(error) => {
            summary.failures += 1;
            error!(%error, "outbox sweep failed");
        }
    }
    match crate::retention::purge(svc, now).await {
        Ok(retention) => {
            summary.purged = retention.erased;
            summary.contact_details_purged = retention.contact_details_erased;
            summary.retention_warnings = retention.warned;
        }
        Err(error) => {
            summary.failures += 1;
            error!(%error, "retention purge failed");
        }
    }
    match crate::statistics::publish_closed_months(svc).await {
        Ok(published) => summary.months_published = published,
        Err(error) => {
            summary.failures += 1;
            error!(%error, "statistics publication failed");
        }
    }
    Ok(summary)
}

/// Sends the alert level due for one deadline, then moves the deadline on.
async fn alert_once(
    svc: &impl Ports,
    lead_addresses: &[String],
    deadline: Deadline,
    now: Timestamp,
    summary: &mut ReminderSummary,
) -> Result<(), PortError> {
    let expected = deadline.next_alert_at;
    let Some((level, next)) = level_due(&deadline, now).filter(|_| deadline.met_at.is_none()) else {
        // Met, or every level sent: out of the index.
        svc.deadlines().update_deadline(&Deadline { next_alert_at: None, ..deadline }, expected).await?;
        return Ok(());
    };
    let to = match level {
        AlertLevel::Reminder | AlertLevel::Overdue => svc.alerts().operators.clone(),
        AlertLevel::Escalation => lead_addresses.to_vec(),
    };
    if to.is_empty() {
        warn!(reference = %deadline.reference, ?level, "no recipients configured for this alert");
    }
    let text = emails::deadline_alert(&deadline, level);
    // Claimed, sent, recorded: two runs at once send each alert once.
    let email = RecordedEmail {
        key: format!("alert:{}:{level:?}", deadline.slot()),
        kind: EffectKind::Notice,
        to,
        recipient: if level == AlertLevel::Escalation { "leads" } else { "operators" }.into(),
        consent: None,
        detail: format!("{level:?} for {}", deadline.kind.as_str()),
        text,
    };
    let sent_now = send_and_record(svc, &deadline.reference, email).await?;
    let mut sent = deadline.sent.clone();
    sent.push(level);
    let advanced = Deadline { sent, next_alert_at: next, ..deadline.clone() };
    if !svc.deadlines().update_deadline(&advanced, expected).await? {
        warn!(reference = %deadline.reference, ?level, "deadline changed during the run (met, or another run)");
    }
    if !sent_now {
        return Ok(());
    }
    match level {
        AlertLevel::Reminder => summary.reminders += 1,
        AlertLevel::Overdue => summary.overdue += 1,
        AlertLevel::Escalation => summary.escalations += 1,
    }
    info!(reference = %deadline.reference, kind = deadline.kind.as_str(), ?level, "deadline alert sent");
    Ok(())
}

/// The job's figures, which the alarms on stuck routing and overdue deadlines read. Each is a
/// gauge set to this run's value; the `deadline-reminders` function writes them after every run
/// as CloudWatch Embedded Metric Format (namespace `OnYourSide`, `bootstrap`). Without a
/// recorder (tests, the local runner) they go nowhere.
pub fn record_metrics(summary: &ReminderSummary) {
    let figures = [
        summary.still_pending,
        summary.overdue + summary.escalations,
        summary.reminders,
        summary.purged,
        summary.failures,
    ];
    for (name, value) in METRICS.into_iter().zip(figures) {
        metrics::gauge!(name).set(value as f64);
    }
}

/// The metrics' names (the template's alarms use them) and, for CloudWatch, their unit.
pub const METRICS: [&str; 5] =
    ["ReportsPendingRouting", "OverdueDeadlines", "RemindersSent", "PersonalDataPurged", "JobFailures"];

pub fn describe_metrics() {
    for name in METRICS {
        metrics::describe_gauge!(name, metrics::Unit::Count, "");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jobs_figures_reach_cloudwatch_as_embedded_metrics() {
        let collector = metrics_cloudwatch_embedded::Builder::new()
            .cloudwatch_namespace("OnYourSide")
            .emit_zeros(true)
            .with_timestamp(0)
            .init()
            .unwrap();
        describe_metrics();
        record_metrics(&ReminderSummary { overdue: 2, escalations: 1, still_pending: 3, ..Default::default() });
        let mut written = Vec::new();
        collector.flush(&mut written).unwrap();
        let line: serde_json::Value = serde_json::from_slice(&written).expect("one JSON document");
        let declared = &line["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(declared["Namespace"], "OnYourSide");
        assert_eq!((line["OverdueDeadlines"].as_f64(), line["ReportsPendingRouting"].as_f64()), (Some(3.0), Some(3.0)));
        assert_eq!(line["JobFailures"].as_f64(), Some(0.0), "zeros are written: an alarm needs them");
        for name in METRICS {
            let metric = declared["Metrics"].as_array().unwrap().iter().find(|m| m["Name"] == name);
            assert_eq!(metric.map(|m| &m["Unit"]), Some(&serde_json::json!("Count")), "{name} in {line}");
        }
    }
}
