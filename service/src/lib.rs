//! Use cases, ports and adapters of On Your Side.
//!
//! - `ports`: the traits the use cases need (store, queue, mailer, clock).
//! - `intake`: accepting a report and routing it; the sweeper that finishes unfinished routing.
//! - `http`: the axum router served by the Lambda function and by the local runner alike.
//! - `aws` (feature `aws`): DynamoDB, SQS and SES adapters, configuration from the environment.
//! - `embedded` (feature `embedded`): SQLite store and queue, `.eml` outbox, for local use.

pub mod auth;
pub mod bootstrap;
pub mod casework;
pub mod email;
pub mod feedback;
pub mod http;
pub mod intake;
pub mod ports;
pub mod referral;
pub mod reminders;
pub mod retention;
pub mod routed;
pub mod send_once;
pub mod services;
pub mod telemetry;
pub mod workers;

#[cfg(feature = "aws")]
pub mod aws;
#[cfg(feature = "embedded")]
pub mod embedded;

pub use services::{AlertAddresses, Services};

/// Loads the reference data (postcode tables, message bundles) so the first request does not.
pub fn load_reference_data() {
    oys_shared::geography::load_tables();
    oys_shared::i18n::load_bundles();
}
