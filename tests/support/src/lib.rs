//! Test support: a moto server the tests start themselves, the two adapter sets ("backends"),
//! probes that look at what each backend holds, log capture, and a bare HTTP client.

pub mod backend;
pub mod console;
pub mod contract;
pub mod flaky;
pub mod http_client;
pub mod moto;
pub mod requests;
pub mod routes;
pub mod scanned;

pub use backend::{Backend, Email};

use serde_json::Value;

/// The repository's root, where `events/`, `docs/` and `.venv/` are.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A file of `events/`, read at run time so a changed fixture needs no rebuild.
pub fn event(name: &str) -> String {
    let path = format!("{ROOT}/events/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn event_json(name: &str) -> Value {
    serde_json::from_str(&event(name)).expect("fixture is JSON")
}

/// Runs a test body once per backend, as two tests: `embedded::name` and `moto::name` (the
/// latter in the crate that expands it has the `installed-tools` feature).
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod embedded {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::Backend::embedded().await).await
                }
            )*
        }
        // The moto half needs the emulator `scripts/test` installs: `cargo test` alone runs
        // the embedded half, `scripts/test` both (feature `installed-tools`, never skipped).
        #[cfg(feature = "installed-tools")]
        mod moto {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::Backend::moto().await).await
                }
            )*
        }
    };
}

/// The minimum path of the report form: the answers an anonymous report needs, asking for
/// nothing, with `description` as what happened.
pub fn minimum_form(description: &'static str) -> [(&'static str, &'static str); 8] {
    [
        ("consent.privacy_notice_version", oys_shared::report::PRIVACY_NOTICE_VERSION),
        ("incident.occurred_on", "2026-11-20"),
        ("incident.types", "verbal_abuse"),
        ("incident.description", description),
        ("incident.location.online", "true"),
        ("reporter.role", "victim"),
        ("consent.police", "no"),
        ("consent.advocate_support", "false"),
    ]
}
