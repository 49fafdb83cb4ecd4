//! AWS adapters: DynamoDB (store), SQS (queues), SES (mail); `AwsSettings`, the resources they
//! use, as each function's configuration names them; `provision` creates the resources on an emulator (tests,
//! local runner).

mod absent;
mod dynamodb;
#[cfg(feature = "provision")]
pub mod provision;
#[cfg(feature = "ses")]
mod ses;
#[cfg(feature = "sqs")]
mod sqs;

mod settings;

pub use absent::{NoMailer, NoQueue};
pub use dynamodb::{outbox_keys, outbox_row, DynamoStore};
#[cfg(feature = "ses")]
pub use ses::SesMailer;
pub use settings::{address_list, email_address, AddressList, AlertConfig, AwsSettings, QueueConfig, StoreConfig};
#[cfg(feature = "sqs")]
pub use sqs::SqsQueue;

use std::sync::Arc;

use aws_sdk_dynamodb::config::BehaviorVersion;
use aws_types::SdkConfig;

use oys_application::ports::{Clock, SystemClock};
use oys_application::services::{AlertAddresses, Services};
use oys_shared::casework::RetentionPolicy;

/// The SDK configuration from the usual sources (region, credentials, `AWS_ENDPOINT_URL`):
/// the local runner's, with the SDK's whole chain (profiles, SSO, assumed roles).
#[cfg(feature = "config-chain")]
pub async fn load_sdk_config() -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest()).http_client(https_client()).load().await
}

/// The SDK's HTTPS client (hyper, rustls, the system's root certificates) with ring as rustls's
/// cryptography rather than the SDK's default aws-lc: the one TLS stack of every function, which
/// the console's sign-in also uses (`oys_web::console`). Connection pooling, timeouts and
/// retries are the SDK's defaults.
pub fn https_client() -> aws_sdk_dynamodb::config::SharedHttpClient {
    use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
    aws_smithy_http_client::Builder::new().tls_provider(Provider::Rustls(CryptoMode::Ring)).build_https()
}

/// A Lambda function's SDK configuration, from what Lambda sets in its environment: the region
/// (`AWS_REGION`) and the execution role's credentials (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, valid for the execution environment's life),
/// and `AWS_ENDPOINT_URL` if set (the benchmark's fake endpoint). In Lambda the SDK's default
/// chain resolves the same variables first; reading them here keeps its other sources
/// (profiles, STS, instance metadata) out of the functions' binaries. Retries, timeouts and the
/// sleep come from each client's defaults for `BehaviorVersion::latest()`; the HTTPS client is
/// `https_client()`.
pub fn sdk_config_from_lambda_environment() -> Result<SdkConfig, String> {
    sdk_config_from(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
}

/// Where provided.al2023 keeps its CA bundle. The template sets `SSL_CERT_FILE` to it in every
/// function that speaks TLS, so the HTTPS client reads that one file at start: unset,
/// rustls-native-certs reads the file and then every file of the certificates directory too
/// (the same bundle again in Lambda; on the Debian bench machine ~280 files, 2.5–3.5 ms of every
/// start).
pub const LAMBDA_CA_BUNDLE: &str = "/etc/pki/tls/certs/ca-bundle.crt";

fn sdk_config_from(var: impl Fn(&str) -> Option<String>) -> Result<SdkConfig, String> {
    let missing: Vec<&str> =
        ["AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].into_iter().filter(|v| var(v).is_none()).collect();
    if !missing.is_empty() {
        return Err(format!("missing environment variables: {}", missing.join(", ")));
    }
    // A bundle named and missing would leave the client no root to trust: every AWS call would
    // fail its handshake. Refuse to start instead, saying why.
    if let Some(bundle) = var("SSL_CERT_FILE") {
        if let Err(error) = std::fs::File::open(&bundle) {
            return Err(format!(
                "SSL_CERT_FILE names {bundle}, which cannot be read ({error}): no server could be trusted"
            ));
        }
    }
    let credentials = aws_credential_types::Credentials::new(
        var("AWS_ACCESS_KEY_ID").unwrap_or_default(),
        var("AWS_SECRET_ACCESS_KEY").unwrap_or_default(),
        var("AWS_SESSION_TOKEN"),
        None,
        "lambda-environment",
    );
    let mut config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(aws_types::region::Region::new(var("AWS_REGION").unwrap_or_default()))
        .http_client(https_client())
        .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials));
    if let Some(endpoint) = var("AWS_ENDPOINT_URL") {
        config = config.endpoint_url(endpoint);
    }
    Ok(config.build())
}

/// The clients every function shares, built once per process.
#[derive(Clone)]
pub struct AwsClients {
    pub dynamodb: aws_sdk_dynamodb::Client,
    #[cfg(feature = "sqs")]
    pub sqs: aws_sdk_sqs::Client,
    #[cfg(feature = "ses")]
    pub ses: aws_sdk_ses::Client,
}

impl AwsClients {
    pub fn new(sdk: &SdkConfig) -> Self {
        AwsClients {
            dynamodb: aws_sdk_dynamodb::Client::new(sdk),
            #[cfg(feature = "sqs")]
            sqs: aws_sdk_sqs::Client::new(sdk),
            #[cfg(feature = "ses")]
            ses: aws_sdk_ses::Client::new(sdk),
        }
    }

    /// Opens a connection to each service before the first request, so that request does not
    /// pay for TLS handshakes. Failures are only logged: the first request will retry.
    pub async fn warm_up(&self, settings: &AwsSettings) {
        let dynamodb = self.dynamodb.describe_table().table_name(&settings.store.table_name).send();
        let sqs = async {
            #[cfg(feature = "sqs")]
            if let Some(queues) = &settings.queues {
                let attributes = self
                    .sqs
                    .get_queue_attributes()
                    .queue_url(&queues.police_referral_queue_url)
                    .attribute_names(aws_sdk_sqs::types::QueueAttributeName::ApproximateNumberOfMessages);
                return attributes.send().await.map(drop).map_err(drop);
            }
            Ok::<(), ()>(())
        };
        let ses = async {
            #[cfg(feature = "ses")]
            if settings.alerts.sends_email() {
                return self.ses.get_send_quota().send().await.map(drop).map_err(drop);
            }
            Ok::<(), ()>(())
        };
        let (d, q, s) = tokio::join!(dynamodb, sqs, ses);
        for (service, failed) in [("dynamodb", d.is_err()), ("sqs", q.is_err()), ("ses", s.is_err())] {
            if failed {
                tracing::warn!(service, "warm-up call failed; the first request will connect instead");
            }
        }
    }
}

/// The use-case dependencies on AWS.
pub fn services(
    clients: &AwsClients,
    settings: &AwsSettings,
    retention: RetentionPolicy,
    clock: Option<Arc<dyn Clock>>,
) -> Services {
    Services::new(
        Arc::new(DynamoStore::new(clients.dynamodb.clone(), settings.store.table_name.clone())),
        queue(clients, settings),
        mailer(clients),
        clock.unwrap_or_else(|| Arc::new(SystemClock)),
        AlertAddresses {
            from: settings.alerts.alert_sender_address.clone(),
            operators: settings.alerts.operator_alert_addresses.0.clone(),
        },
        retention,
    )
}

/// The SQS adapter; without queue URLs a send fails loudly rather than going anywhere.
#[cfg(feature = "sqs")]
fn queue(clients: &AwsClients, settings: &AwsSettings) -> Arc<dyn oys_application::ports::MessageQueue> {
    Arc::new(SqsQueue::new(clients.sqs.clone(), settings.queues.as_ref().map(|q| q.urls()).unwrap_or_default()))
}

#[cfg(not(feature = "sqs"))]
fn queue(_: &AwsClients, _: &AwsSettings) -> Arc<dyn oys_application::ports::MessageQueue> {
    Arc::new(NoQueue)
}

#[cfg(feature = "ses")]
fn mailer(clients: &AwsClients) -> Arc<dyn oys_application::ports::Mailer> {
    Arc::new(SesMailer::new(clients.ses.clone()))
}

#[cfg(not(feature = "ses"))]
fn mailer(_: &AwsClients) -> Arc<dyn oys_application::ports::Mailer> {
    Arc::new(NoMailer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_functions_sdk_configuration_is_what_lambda_sets() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        let missing = sdk_config_from(env(&[("AWS_REGION", "eu-west-2")])).unwrap_err();
        assert_eq!(missing, "missing environment variables: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
        let config = sdk_config_from(env(&[
            ("AWS_REGION", "eu-west-2"),
            ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_SESSION_TOKEN", "token"),
        ]))
        .unwrap();
        assert_eq!(config.region().map(|r| r.as_ref()), Some("eu-west-2"));
        assert!(config.credentials_provider().is_some() && config.endpoint_url().is_none());
        assert_eq!(config.behavior_version(), Some(BehaviorVersion::latest()));
        let local = sdk_config_from(env(&[
            ("AWS_REGION", "eu-west-2"),
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "b"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"),
        ]))
        .unwrap();
        assert_eq!(local.endpoint_url(), Some("http://127.0.0.1:4566"));
        let unreadable_bundle = sdk_config_from(env(&[
            ("AWS_REGION", "eu-west-2"),
            ("AWS_ACCESS_KEY_ID", "a"),
            ("AWS_SECRET_ACCESS_KEY", "b"),
            ("SSL_CERT_FILE", "/nowhere/ca-bundle.crt"),
        ]))
        .unwrap_err();
        assert!(unreadable_bundle.starts_with("SSL_CERT_FILE names /nowhere/ca-bundle.crt, which cannot be read"));
    }
}
