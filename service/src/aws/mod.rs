//! AWS adapters: DynamoDB (store), SQS (queues), SES (mail); configuration from the
//! environment; `provision` creates the resources on an emulator (tests, local runner).

mod config;
mod dynamodb;
pub mod provision;
mod ses;
mod sqs;

pub use config::{lead_addresses, require_environment, AwsSettings, CommonSettings, ConfigError, FUNCTION_ENVIRONMENT};
pub use dynamodb::DynamoStore;
pub use ses::SesMailer;
pub use sqs::SqsQueue;

use std::sync::Arc;

use aws_config::{BehaviorVersion, SdkConfig};

use crate::intake::{AlertAddresses, Services};
use crate::ports::{Clock, SystemClock};
use oys_shared::casework::RetentionPolicy;

/// The SDK configuration from the usual sources (region, credentials, `AWS_ENDPOINT_URL`).
pub async fn load_sdk_config() -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest()).load().await
}

/// The clients every function shares, built once per process.
#[derive(Clone)]
pub struct AwsClients {
    pub dynamodb: aws_sdk_dynamodb::Client,
    pub sqs: aws_sdk_sqs::Client,
    pub ses: aws_sdk_ses::Client,
}

impl AwsClients {
    pub fn new(sdk: &SdkConfig) -> Self {
        AwsClients {
            dynamodb: aws_sdk_dynamodb::Client::new(sdk),
            sqs: aws_sdk_sqs::Client::new(sdk),
            ses: aws_sdk_ses::Client::new(sdk),
        }
    }

    /// Opens a connection to each service before the first request, so that request does not
    /// pay for TLS handshakes. Failures are only logged: the first request will retry.
    pub async fn warm_up(&self, settings: &AwsSettings) {
        let dynamodb = self.dynamodb.describe_table().table_name(&settings.table_name).send();
        let sqs = self
            .sqs
            .get_queue_attributes()
            .queue_url(&settings.police_referral_queue_url)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::ApproximateNumberOfMessages)
            .send();
        let ses = self.ses.get_send_quota().send();
        let (d, q, s) = tokio::join!(dynamodb, sqs, ses);
        for (service, failed) in [("dynamodb", d.is_err()), ("sqs", q.is_err()), ("ses", s.is_err())] {
            if failed {
                tracing::warn!(service, "warm-up call failed; the first request will connect instead");
            }
        }
    }
}

/// The dependencies of a worker function, which sends no queue messages: its queue adapter
/// knows no queue URL, so a send would fail loudly rather than go anywhere.
pub fn worker_services(clients: &AwsClients, settings: &CommonSettings) -> Services {
    Services::new(
        Arc::new(DynamoStore::new(clients.dynamodb.clone(), settings.table_name.clone())),
        Arc::new(SqsQueue::new(clients.sqs.clone(), Default::default())),
        Arc::new(SesMailer::new(clients.ses.clone())),
        Arc::new(SystemClock),
        AlertAddresses { from: settings.alert_sender.clone(), operators: settings.operator_alert_addresses.clone() },
        RetentionPolicy::default(),
    )
}

/// The use-case dependencies on AWS.
pub fn services(clients: &AwsClients, settings: &AwsSettings, clock: Option<Arc<dyn Clock>>) -> Services {
    Services::new(
        Arc::new(DynamoStore::new(clients.dynamodb.clone(), settings.table_name.clone())),
        Arc::new(SqsQueue::new(clients.sqs.clone(), settings.queue_urls())),
        Arc::new(SesMailer::new(clients.ses.clone())),
        clock.unwrap_or_else(|| Arc::new(SystemClock)),
        AlertAddresses { from: settings.alert_sender.clone(), operators: settings.operator_alert_addresses.clone() },
        RetentionPolicy::default(),
    )
}

/// `CONTACT_RETENTION_DAYS` and `RETENTION_DAYS`: days contact details, and the narrative and
/// notes, are kept after the last thing done on a case (defaults 180 and 365 when unset).
pub fn retention_policy_from_env() -> Result<RetentionPolicy, ConfigError> {
    let days = |name: &str, default: u32| match std::env::var(name) {
        Err(_) => Ok(default),
        Ok(days) => {
            days.trim().parse::<u32>().map_err(|_| ConfigError::Invalid(format!("{name} must be a number of days")))
        }
    };
    RetentionPolicy::new(days("CONTACT_RETENTION_DAYS", 180)?, days("RETENTION_DAYS", 365)?)
        .map_err(|e| ConfigError::Invalid(format!("CONTACT_RETENTION_DAYS / RETENTION_DAYS: {e}")))
}
