//! The use cases of On Your Side and the ports they need. The domain's rules are in `oys-shared`;
//! the adapters (`oys-aws`, `oys-embedded`) implement the ports, the web layer (`oys-web`) and
//! the Lambda bootstrap (`oys-lambda`) call the use cases. This crate depends on no web
//! framework, Lambda runtime, AWS SDK or SQLite, so a use case cannot reach past its ports
//! (docs/architecture.md).

pub mod casework;
pub mod dispatch;
pub mod feedback;
pub mod follow_up;
pub mod intake;
pub mod mime;
pub mod notices;
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

pub use services::{AlertAddresses, Services};

/// Loads the reference data (the message bundles) so the first request does not. The postcode
/// tables need no loading: they are static data (`shared/build.rs`).
pub fn load_reference_data() {
    oys_shared::i18n::load_bundles();
}
