//! Lambda function on the reports table's stream (keys only, filtered to new outbox rows,
//! `ReportBatchItemFailures`, bisect on error, an on-failure queue).
//! What it reads from its environment: `oys_lambda::config::OutboxDispatcherConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_outbox_dispatcher().await
}
