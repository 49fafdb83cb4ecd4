//! What the use cases and adapters log about failures and leaks; the subscriber that writes the
//! lines is set up by the Lambda bootstrap (`oys-lambda`'s `telemetry`) or the local runner.
//!
//! What is logged is references, ids, categories and error kinds — never a request body or a
//! stored value (the privacy tests plant values and look for them in the captured logs).

/// What is logged, at error, when a request fails for a reason of ours: a store, KMS, queue or
/// permission failure answered with the code's own 503 (so Lambda counts no error), or a report
/// kept without its follow-up receipt or its author's audit entry. The template's metric filters
/// on the HTTP functions' log groups count exactly these lines (`tests/all/infra.rs` holds the
/// two together), and their alarms tell the operators.
pub mod failures {
    pub const REPORT_NOT_STORED: &str = "report could not be stored";
    pub const FORM_REPORT_NOT_STORED: &str = "report from the form could not be stored";
    pub const FOLLOW_UP_NOT_ADDED: &str = "follow-up could not be added";
    pub const FORM_FOLLOW_UP_NOT_ADDED: &str = "follow-up from the form could not be added";
    pub const OPERATOR_REQUEST_FAILED: &str = "operator request failed";
    pub const RECEIPT_NOT_STORED: &str = "follow-up receipt not stored; the report is";
    pub const AUTHOR_NOT_AUDITED: &str = "could not audit the report's author";
    pub const ERASURE_STOPPED: &str = "erasure stopped part-way";
    /// Every one of them: both HTTP functions' filters count them all.
    pub const ALL: &[&str] = &[
        REPORT_NOT_STORED,
        FORM_REPORT_NOT_STORED,
        FOLLOW_UP_NOT_ADDED,
        FORM_FOLLOW_UP_NOT_ADDED,
        OPERATOR_REQUEST_FAILED,
        RECEIPT_NOT_STORED,
        AUTHOR_NOT_AUDITED,
        ERASURE_STOPPED,
    ];
}

/// In test builds with the `leak-canary` feature, logs `text` at debug if it holds the marker
/// `LEAK-CANARY`: a deliberate leak in each layer, which the privacy tests must see in their
/// capture (or their search for planted values proves nothing). Without the feature the whole
/// statement, arguments included, is compiled out: nothing is added to the request path.
// The feature is this crate's: chosen where the macro is defined, not where it is used, so every
// layer that logs through it is canaried or compiled out together.
#[cfg(feature = "leak-canary")]
#[macro_export]
macro_rules! leak_canary {
    ($layer:expr, $text:expr) => {{
        let text: &str = $text;
        if text.contains("LEAK-CANARY") {
            tracing::debug!(layer = $layer, leaked = text, "leak canary");
        }
    }};
}
#[cfg(not(feature = "leak-canary"))]
#[macro_export]
macro_rules! leak_canary {
    ($layer:expr, $text:expr) => {};
}
pub use crate::leak_canary;
