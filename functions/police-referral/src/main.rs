//! Lambda function on the police-referral queue (SQS event source, `ReportBatchItemFailures`).
//!
//! Environment: `TABLE_NAME`, `ALERT_SENDER_ADDRESS`, `OPERATOR_ALERT_ADDRESSES`, and
//! `POLICE_FORCE_MAILBOXES` (a JSON object of force id → referral mailbox; a force without one
//! is left to an operator).

use std::sync::Arc;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use oys_service::aws::{self, CommonSettings, ConfigError};
use oys_service::telemetry::{self, LogFormat};
use oys_service::workers::{parse_force_mailboxes, PoliceReferralWorker};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init(LogFormat::Json);
    oys_service::aws::require_environment("police-referral")
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let settings = CommonSettings::from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let mailboxes = std::env::var("POLICE_FORCE_MAILBOXES")
        .map_err(|_| ConfigError::Missing(vec!["POLICE_FORCE_MAILBOXES"]))
        .and_then(|json| parse_force_mailboxes(&json).map_err(ConfigError::Invalid))
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let clients = aws::AwsClients::new(&aws::load_sdk_config().await);
    let worker = Arc::new(PoliceReferralWorker::new(aws::worker_services(&clients, &settings), mailboxes));
    oys_service::load_reference_data();
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| {
        let worker = worker.clone();
        async move { Ok::<SqsBatchResponse, Error>(worker.handle_batch(event.payload).await) }
    }))
    .await
}
