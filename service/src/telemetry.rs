//! Logging. In Lambda: one JSON object per line, with the Lambda request id from the runtime's
//! span, so CloudWatch Logs Insights can filter by it. Locally: readable text.
//!
//! What is logged is references, ids, categories and error kinds — never a request body or a
//! stored value (the privacy tests plant values and look for them in the captured logs).

use tracing_subscriber::EnvFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Text,
}

/// Installs the global subscriber. The level comes from `RUST_LOG` (default `info`).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let result = match format {
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_ansi(false)
            // Lambda adds its own timestamp to every line.
            .without_time()
            .try_init(),
        // Locally: to stderr (stdout carries the runner's own messages), coloured on a terminal.
        LogFormat::Text => builder
            .with_target(false)
            .with_writer(std::io::stderr)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .try_init(),
    };
    // A second init (tests) keeps the first subscriber.
    let _ = result;
}
