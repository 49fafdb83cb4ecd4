//! Use cases, ports and adapters of On Your Side. The domain's rules are in `oys-shared`; the
//! docs/architecture.md, "Where things live", maps every module to its layer, and `tests/all/architecture.rs`
//! keeps the imports pointing one way: use cases ← adapters ← `bootstrap`.

pub mod auth;
pub mod bootstrap;
pub mod casework;
pub mod feedback;
pub mod follow_up;
pub mod http;
pub mod intake;
pub mod mime;
pub mod ports;
pub mod referral;
pub mod reminders;
pub mod retention;
pub mod routed;
pub mod send_once;
pub mod services;
pub mod staff_sign_in;
pub mod statistics;
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
