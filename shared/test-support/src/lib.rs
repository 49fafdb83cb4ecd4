//! What the parser properties share (`shared/tests/parsers.rs`, `web/tests/http_parsers.rs`), so
//! both hold the parsers to one contract, `docs/openapi.json`, with one generator of valid
//! reports: `contract` reads the document, `generate` makes reports, events and bodies.

pub mod contract;
pub mod generate;

/// The properties' configuration: `default` cases, or `PROPTEST_CASES` if set (it raises every
/// property's count at once, e.g. `PROPTEST_CASES=20000 cargo test --release …`).
pub fn config(default: u32) -> proptest::prelude::ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    proptest::prelude::ProptestConfig { cases, ..proptest::prelude::ProptestConfig::default() }
}
