//! Lambda function run by EventBridge Scheduler every 15 minutes (Europe/London): deadline
//! reminders, overdue alerts and escalations, then the routing sweeper and the retention purge.
//! The event's content is not used: the job works from the current time.
//!
//! Environment: as `submit-report` (the sweeper sends queue messages and alerts), plus
//! `LEAD_ALERT_ADDRESSES` (comma-separated) for escalations.

use lambda_runtime::{service_fn, Error, LambdaEvent};
use oys_service::aws;
use oys_service::reminders;
use oys_service::telemetry::{self, LogFormat};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init(LogFormat::Json);
    oys_service::aws::require_environment("deadline-reminders")
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let settings = aws::AwsSettings::from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let leads = aws::lead_addresses(std::env::var("LEAD_ALERT_ADDRESSES").ok().as_deref())
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let clients = aws::AwsClients::new(&aws::load_sdk_config().await);
    let services = aws::services(&clients, &settings, None);
    oys_service::load_reference_data();
    lambda_runtime::run(service_fn(|event: LambdaEvent<serde_json::Value>| {
        let (services, leads) = (&services, &leads);
        async move { Ok::<_, Error>(reminders::handle_scheduled_event(services, leads, &event.payload).await?) }
    }))
    .await
}
