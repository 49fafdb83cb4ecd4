//! Lambda function behind the public API (API Gateway REST API with a WAF rate rule; payload 1.0,
//! and 2.0 for an HTTP API): `POST /v1/reports`.
//!
//! Builds and warms the AWS clients once per execution environment, then serves the same
//! axum router as the local runner through `lambda_http`.

use std::sync::Arc;

use oys_service::telemetry::{self, LogFormat};
use oys_service::{aws, http};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    telemetry::init(LogFormat::Json);
    oys_service::aws::require_environment("submit-report")
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let settings = aws::AwsSettings::from_env().inspect_err(|error| {
        tracing::error!(%error, "submit-report is not configured");
    })?;
    let sdk = aws::load_sdk_config().await;
    let clients = aws::AwsClients::new(&sdk);
    clients.warm_up(&settings).await;
    oys_service::load_reference_data();
    let mut services = aws::services(&clients, &settings, None);
    services.retention =
        aws::retention_policy_from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let services = Arc::new(services);
    let origin = std::env::var("FORM_ORIGIN").unwrap_or_default();
    let router = http::with_form_origin(http::router(services), &origin)
        .inspect_err(|error| tracing::error!(%error, "submit-report is not configured"))?;
    lambda_http::run(router).await
}
