//! Lambda function on the advocate-assignment queue (SQS event source,
//! `ReportBatchItemFailures`).
//!
//! Environment: `TABLE_NAME`, `ALERT_SENDER_ADDRESS`, `OPERATOR_ALERT_ADDRESSES`; optionally
//! `PARTNERS_JSON` to replace the partner list compiled in from `config/partners.json`.

use std::sync::Arc;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{service_fn, Error, LambdaEvent};
use oys_service::aws::{self, CommonSettings, ConfigError};
use oys_service::telemetry::{self, LogFormat};
use oys_service::workers::AdvocateAssignmentWorker;

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init(LogFormat::Json);
    oys_service::aws::require_environment("advocate-assignment")
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let settings = CommonSettings::from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let partners = oys_service::workers::production_partners_from_env()
        .map_err(ConfigError::Invalid)
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let clients = aws::AwsClients::new(&aws::load_sdk_config().await);
    let worker = Arc::new(AdvocateAssignmentWorker::new(aws::worker_services(&clients, &settings), partners));
    oys_service::load_reference_data();
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| {
        let worker = worker.clone();
        async move { Ok::<SqsBatchResponse, Error>(worker.handle_batch(event.payload).await) }
    }))
    .await
}
