//! Logging. In Lambda: one JSON object per line, with the Lambda request id from the runtime's
//! span, so CloudWatch Logs Insights can filter by it. Locally: readable text.
//!
//! What is logged is references, ids, categories and error kinds — never a request body or a
//! stored value (the privacy tests plant values and look for them in the captured logs).
//! Dependencies log request and response bodies (the Lambda runtime's events, the SDK's HTTP
//! payloads, bearer tokens) at debug and trace, so whatever `RUST_LOG` says, code outside this
//! project logs at info at most.

use tracing::{Level, Metadata};
use tracing_subscriber::filter::{filter_fn, FilterExt, Targets};
use tracing_subscriber::layer::{Filter, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, Layer, Registry};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Text,
}

/// Targets of this project's own code: the only ones allowed to log below info.
const OWN_TARGETS: &[&str] = &[
    "oys_",
    "on_your_side",
    "submit_report",
    "police_referral",
    "advocate_assignment",
    "operator_api",
    "deadline_reminders",
    "email_feedback",
];

fn is_own(target: &str) -> bool {
    OWN_TARGETS.iter().any(|own| target.starts_with(own))
}

/// The filter every log line passes: `spec` (as `RUST_LOG`: a level, `target=level` pairs, or
/// both, comma-separated), and dependencies capped at info. Targets the spec does not name log at
/// info, so naming one never silences errors elsewhere; a spec that does not parse means info.
pub fn filter(spec: &str) -> impl Filter<Registry> + Send + Sync + 'static {
    let mut requested: Targets = spec.parse().unwrap_or_default();
    if requested.default_level().is_none() {
        requested = requested.with_default(Level::INFO);
    }
    requested.and(filter_fn(|metadata: &Metadata<'_>| *metadata.level() <= Level::INFO || is_own(metadata.target())))
}

/// The Lambda functions' log lines: one JSON object each, the message at `fields.message` and the
/// level at `level`, where the template's metric filters look (`tests/all/infra.rs` formats
/// lines with this to check them).
pub fn json_layer<S, W>(writer: W) -> impl Layer<S> + Send + Sync + 'static
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    W: for<'w> fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    fmt::layer()
        .json()
        .with_current_span(true)
        .with_span_list(false)
        .with_ansi(false)
        // Lambda adds its own timestamp to every line.
        .without_time()
        .with_writer(writer)
}

/// Installs the global subscriber. The level comes from `RUST_LOG` (default `info`).
pub fn init(format: LogFormat) {
    let spec = std::env::var("RUST_LOG").unwrap_or_else(|_| "info".to_string());
    let layer = match format {
        LogFormat::Json => json_layer(std::io::stdout).boxed(),
        // Locally: to stderr (stdout carries the runner's own messages), coloured on a terminal.
        LogFormat::Text => fmt::layer()
            .with_target(false)
            .with_writer(std::io::stderr)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .boxed(),
    };
    // A second init (tests) keeps the first subscriber.
    let _ = tracing_subscriber::registry().with(layer.with_filter(filter(&spec))).try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn dependencies_never_log_payloads_whatever_rust_log_says() {
        for spec in ["trace", "aws_smithy_runtime=trace,lambda_runtime=trace,trace", "debug"] {
            let buffer = Buffer::default();
            let writer = buffer.clone();
            let layer = fmt::layer().with_writer(move || writer.clone()).with_filter(filter(spec));
            let subscriber = tracing_subscriber::registry().with(layer);
            tracing::subscriber::with_default(subscriber, || {
                tracing::trace!(target: "aws_smithy_runtime::client::http", "sending body PLANTED-SDK");
                tracing::debug!(target: "lambda_runtime::layers", "event PLANTED-RUNTIME");
                tracing::debug!(target: "hyper::proto", "headers PLANTED-HYPER");
                tracing::info!(target: "lambda_runtime", "runtime started");
                tracing::debug!(target: "oys_application::intake", "our own debug line");
            });
            let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
            assert!(!text.contains("PLANTED"), "RUST_LOG={spec}: {text}");
            assert!(text.contains("runtime started") && text.contains("our own debug line"), "RUST_LOG={spec}: {text}");
        }
    }

    #[test]
    fn rust_log_names_levels_per_target_and_a_bad_one_means_info() {
        let lines = |spec: &str| {
            let buffer = Buffer::default();
            let writer = buffer.clone();
            let layer = fmt::layer().with_writer(move || writer.clone()).with_filter(filter(spec));
            tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), || {
                tracing::debug!(target: "oys_application::intake", "intake debug");
                tracing::debug!(target: "oys_application::casework", "casework debug");
                tracing::info!(target: "oys_application::intake", "intake info");
                tracing::warn!(target: "lambda_runtime", "runtime warning");
            });
            let text = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
            ["intake debug", "casework debug", "intake info", "runtime warning"]
                .into_iter()
                .filter(|line| text.contains(line))
                .collect::<Vec<_>>()
        };
        assert_eq!(lines("warn,oys_application::intake=debug"), ["intake debug", "intake info", "runtime warning"]);
        assert_eq!(lines("oys_application::casework=debug"), ["casework debug", "intake info", "runtime warning"]);
        assert_eq!(lines("error"), Vec::<&str>::new());
        assert_eq!(lines("info"), ["intake info", "runtime warning"]);
        assert_eq!(lines("oys_application=loud"), ["intake info", "runtime warning"]);
    }
}
