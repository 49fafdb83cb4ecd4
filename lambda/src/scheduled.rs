//! The deadline-reminders function's event: an EventBridge Scheduler tick, which only starts
//! the job (its content is not needed), and the answer for the invocation log.

use tracing::info;

use oys_application::ports::PortError;
use oys_application::{reminders, Services};

/// What the `deadline-reminders` function does with an EventBridge Scheduler event: run the
/// job (the event's content is not needed) and answer with the counts, for the invocation log.
pub async fn handle_scheduled_event(
    svc: &Services,
    lead_addresses: &[String],
    event: &serde_json::Value,
) -> Result<serde_json::Value, PortError> {
    let scheduled_for = event.get("time").and_then(|t| t.as_str()).unwrap_or("unscheduled");
    let summary = reminders::run(svc, lead_addresses).await?;
    info!(scheduled_for, ?summary, "scheduled job done");
    reminders::record_metrics(&summary);
    Ok(serde_json::json!({
        "read": summary.read, "reminders": summary.reminders, "overdue": summary.overdue,
        "escalations": summary.escalations, "routed": summary.routed, "purged": summary.purged,
        "failures": summary.failures
    }))
}
