//! Lambda function behind the operator API: the same axum router as the local runner, with
//! callers taken from the API Gateway JWT authorizer's claims (Cognito groups are the roles).
//!
//! Environment: as `submit-report` (operators take reports by phone and webchat), plus
//! `POLICE_FORCE_MAILBOXES` (for referrals to a force an operator chose), `PARTNERS_JSON`,
//! `CONTACT_RETENTION_DAYS` and `RETENTION_DAYS`.

use std::sync::Arc;

use oys_service::auth::Authenticator;
use oys_service::aws::{self, ConfigError};
use oys_service::casework::Casework;
use oys_service::telemetry::{self, LogFormat};
use oys_service::{http, workers};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    telemetry::init(LogFormat::Json);
    oys_service::aws::require_environment("operator-api")
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let settings = aws::AwsSettings::from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let force_mailboxes = std::env::var("POLICE_FORCE_MAILBOXES")
        .map_err(|_| ConfigError::Missing(vec!["POLICE_FORCE_MAILBOXES"]))
        .and_then(|json| workers::parse_force_mailboxes(&json).map_err(ConfigError::Invalid))
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let partners = workers::production_partners_from_env()
        .map_err(ConfigError::Invalid)
        .inspect_err(|error| tracing::error!(%error, "not configured"))?;
    let retention = aws::retention_policy_from_env().inspect_err(|error| tracing::error!(%error, "not configured"))?;

    let clients = aws::AwsClients::new(&aws::load_sdk_config().await);
    clients.warm_up(&settings).await;
    oys_service::load_reference_data();
    let mut services = aws::services(&clients, &settings, None);
    services.retention = retention;
    let casework = Arc::new(Casework { services, partners, force_mailboxes });
    lambda_http::run(http::full_router(casework, Authenticator::ApiGatewayJwt)).await
}
