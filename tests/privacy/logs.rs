//! Log capture for the privacy tests: one global subscriber for the whole process (so no
//! callsite's cached interest and no thread — a `spawn_blocking` thread included — escapes it),
//! filtered exactly as production filters with `RUST_LOG=trace` (this project at trace,
//! dependencies at info at most), in the production JSON format. Tests hold a lock while they
//! capture, so the buffer holds one test's logs.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

#[derive(Clone, Default)]
pub struct CapturedLogs(Arc<Mutex<Vec<u8>>>);

impl CapturedLogs {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

pub struct CaptureWriter(Arc<Mutex<Vec<u8>>>);

impl Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for CapturedLogs {
    type Writer = CaptureWriter;
    fn make_writer(&'a self) -> Self::Writer {
        CaptureWriter(self.0.clone())
    }
}

fn buffer() -> &'static CapturedLogs {
    static BUFFER: OnceLock<CapturedLogs> = OnceLock::new();
    BUFFER.get_or_init(|| {
        let logs = CapturedLogs::default();
        let layer = tracing_subscriber::fmt::layer()
            .json()
            .with_current_span(true)
            // No timestamps: a planted time of day must not match a log line's clock.
            .without_time()
            .with_writer(logs.clone())
            .with_filter(oys_lambda::telemetry::filter("trace"));
        tracing_subscriber::registry().with(layer).init();
        logs
    })
}

/// Captures every log line until the guard drops; one capture at a time in this binary.
pub async fn capture() -> (CapturedLogs, tokio::sync::MutexGuard<'static, ()>) {
    static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let guard = ONE_AT_A_TIME.lock().await;
    let logs = buffer().clone();
    logs.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    (logs, guard)
}
