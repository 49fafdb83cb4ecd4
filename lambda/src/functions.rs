//! Each Lambda function's start: JSON logs, configuration from the environment (a missing or
//! invalid variable is logged, naming them all, and stops the start), AWS clients built and
//! warmed once per execution environment, then the runtime loop.

use std::sync::Arc;

use aws_lambda_events::event::dynamodb::Event as DynamoDbEvent;
use aws_lambda_events::event::sns::SnsEvent;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use aws_lambda_events::event::streams::DynamoDbEventResponse;
use lambda_runtime::{service_fn, Error, LambdaEvent};

use crate::config;
use crate::telemetry::{self, LogFormat};
use oys_application::workers::{AdvocateAssignmentWorker, PoliceReferralWorker};
use oys_application::{reminders, Services};
use oys_aws::{AlertConfig, AwsClients, AwsSettings, QueueConfig, StoreConfig};
use oys_shared::casework::RetentionPolicy;

/// Logs, reads the configuration `C` and logs what is wrong with it if anything is.
fn start<C: clap::Parser>() -> Result<C, Error> {
    telemetry::init(LogFormat::Json);
    let config = config::from_env::<C>().inspect_err(|error| tracing::error!(%error, "not configured"))?;
    Ok(config)
}

fn not_configured(error: String) -> Error {
    tracing::error!(%error, "not configured");
    error.into()
}

/// The services on AWS, with warm connections. Functions without `queues` send no routing
/// messages: their queue adapter knows no URL, so a send would fail loudly.
/// `retention` is the configured policy for the functions that record activity on a case; the
/// others never extend an expiry (they name no `retention` port) and pass `NEVER_EXTENDS`.
async fn aws_services(
    store: StoreConfig,
    alerts: AlertConfig,
    queues: Option<QueueConfig>,
    retention: RetentionPolicy,
) -> Result<Services, Error> {
    // Lambda always sets these; without them nothing could reach AWS.
    let sdk = oys_aws::sdk_config_from_lambda_environment().map_err(not_configured)?;
    let clients = AwsClients::new(&sdk);
    let settings = AwsSettings { store, alerts, queues };
    clients.warm_up(&settings).await;
    Ok(oys_aws::services(&clients, &settings, retention, None))
}

/// The policy handed to functions that never use it (the SQS workers, email feedback, the
/// scheduled job, which erases by the expiry each case already carries).
const NEVER_EXTENDS: RetentionPolicy = RetentionPolicy::DEFAULT;

#[cfg(feature = "public")]
pub async fn run_submit_report() -> Result<(), Error> {
    let config = start::<config::SubmitReportConfig>()?;
    // The form's ten languages, parsed now rather than on a reporter's first request. Only the
    // HTTP functions answer in a person's language; the others never parse them.
    oys_application::load_reference_data();
    let retention = config.retention.policy().map_err(not_configured)?;
    let services = aws_services(config.store, AlertConfig::none(), None, retention).await?;
    let router = oys_web::submit_report(services, &config.form_origin).map_err(not_configured)?;
    lambda_http::run(router).await
}

#[cfg(feature = "staff")]
pub async fn run_operator_api() -> Result<(), Error> {
    let config = start::<config::OperatorApiConfig>()?;
    oys_application::load_reference_data();
    let retention = config.retention.policy().map_err(not_configured)?;
    // No queues and no email: what casework owes a force or a partner (a referral, a handoff,
    // a notice) is owed in the change's own write and sent by the outbox dispatcher.
    let services = aws_services(config.store, AlertConfig::none(), None, retention).await?;
    let (partners, mailboxes) = (config.partners.partners_json.0, config.police.police_force_mailboxes.0);
    let console = config.console.sign_in().map_err(not_configured)?;
    let auth = oys_web::auth::Authenticator::ApiGatewayJwt;
    let router = oys_web::operator_api(services, partners, mailboxes, auth, console);
    let router = oys_web::allowed_sources::restrict(router, config.operator_allowed_cidrs);
    lambda_http::run(router).await
}

pub async fn run_police_referral() -> Result<(), Error> {
    let config = start::<config::PoliceReferralConfig>()?;
    let services = aws_services(config.store, config.alerts, None, NEVER_EXTENDS).await?;
    let worker = Arc::new(PoliceReferralWorker::new(services, config.police.police_force_mailboxes.0));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| {
        let worker = worker.clone();
        async move { Ok::<SqsBatchResponse, Error>(crate::sqs::handle_batch(&*worker, event.payload).await) }
    }))
    .await
}

pub async fn run_advocate_assignment() -> Result<(), Error> {
    let config = start::<config::AdvocateAssignmentConfig>()?;
    let services = aws_services(config.store, config.alerts, None, NEVER_EXTENDS).await?;
    let worker = Arc::new(AdvocateAssignmentWorker::new(services, config.partners.partners_json.0));
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SqsEvent>| {
        let worker = worker.clone();
        async move { Ok::<SqsBatchResponse, Error>(crate::sqs::handle_batch(&*worker, event.payload).await) }
    }))
    .await
}

/// Run by EventBridge Scheduler every 15 minutes: the event's content is not used, the job
/// works from the current time.
pub async fn run_deadline_reminders() -> Result<(), Error> {
    let config = start::<config::DeadlineRemindersConfig>()?;
    let services = aws_services(config.store, config.alerts, Some(config.queues), NEVER_EXTENDS).await?;
    let leads = config.lead_alert_addresses.0;
    // The job's figures go out as Embedded Metric Format lines on stdout after every run.
    let metrics = metrics_cloudwatch_embedded::Builder::new()
        .cloudwatch_namespace("OnYourSide")
        .emit_zeros(true)
        .init()
        .map_err(|error| not_configured(error.to_string()))?;
    reminders::describe_metrics();
    lambda_runtime::run(service_fn(|event: LambdaEvent<serde_json::Value>| {
        let (services, leads) = (&services, &leads);
        async move {
            let answer = crate::scheduled::handle_scheduled_event(services, leads, &event.payload).await?;
            metrics.flush(std::io::stdout())?;
            Ok::<_, Error>(answer)
        }
    }))
    .await
}

/// On the table's stream (keys only), filtered to outbox rows as they are written: sends what
/// each row's report owes. A record that fails is reported (`ReportBatchItemFailures`): Lambda
/// retries from it, bisecting the batch, and after its last attempt hands it to the on-failure
/// queue; the scheduled job's sweeper finishes the report either way.
pub async fn run_outbox_dispatcher() -> Result<(), Error> {
    let config = start::<config::OutboxDispatcherConfig>()?;
    let services = aws_services(config.store, config.alerts, Some(config.queues), NEVER_EXTENDS).await?;
    let services = Arc::new(Services { partners: config.partners.partners_json.0, ..services });
    lambda_runtime::run(service_fn(move |event: LambdaEvent<DynamoDbEvent>| {
        let services = services.clone();
        async move {
            Ok::<DynamoDbEventResponse, Error>(crate::stream::handle_stream_batch(&*services, event.payload).await)
        }
    }))
    .await
}

/// Cognito's pre-token-generation trigger (V2_0): the advocate's partner into the access token.
/// No configuration, no AWS calls; it logs nothing of the event (it holds the user's email).
pub async fn run_pre_token_generation() -> Result<(), Error> {
    telemetry::init(LogFormat::Json);
    lambda_runtime::run(service_fn(|event: LambdaEvent<serde_json::Value>| async move {
        Ok::<_, Error>(oys_shared::claims::partner_in_access_token(event.payload))
    }))
    .await
}

/// On the email-feedback SNS topic. A failure is returned: SNS retries, then the function's
/// dead-letter queue keeps the message.
pub async fn run_email_feedback() -> Result<(), Error> {
    let config = start::<config::EmailFeedbackConfig>()?;
    let services = Arc::new(aws_services(config.store, config.alerts, None, NEVER_EXTENDS).await?);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<SnsEvent>| {
        let services = services.clone();
        async move {
            for record in event.payload.records {
                crate::email_feedback::handle_notification(&services, &record.sns.message).await?;
            }
            Ok::<(), Error>(())
        }
    }))
    .await
}
