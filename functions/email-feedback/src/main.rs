//! Lambda function on the email-feedback SNS topic, where the SES configuration set publishes
//! bounces, complaints and rejections.
//!
//! Environment: `TABLE_NAME`, `ALERT_SENDER_ADDRESS`, `OPERATOR_ALERT_ADDRESSES`.

use std::sync::Arc;

use aws_lambda_events::event::sns::SnsEvent;
use lambda_runtime::{service_fn, Error, LambdaEvent};
use oys_service::aws::{self, CommonSettings};
use oys_service::feedback;
use oys_service::telemetry::{self, LogFormat};

#[tokio::main]
async fn main() -> Result<(), Error> {
    telemetry::init(LogFormat::Json);
    aws::require_environment("email-feedback").inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let settings = CommonSettings::from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let clients = aws::AwsClients::new(&aws::load_sdk_config().await);
    let services = Arc::new(aws::worker_services(&clients, &settings));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SnsEvent>| {
        let services = services.clone();
        // A failure is returned: SNS retries, then the function's dead-letter queue keeps it.
        async move {
            for record in event.payload.records {
                feedback::handle_notification(&services, &record.sns.message).await?;
            }
            Ok::<(), Error>(())
        }
    }))
    .await
}
