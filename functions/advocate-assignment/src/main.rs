//! Lambda function on the advocate-assignment queue (SQS event source,
//! `ReportBatchItemFailures`).
//! What it reads from its environment: `oys_service::bootstrap::config::AdvocateAssignmentConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_service::bootstrap::Error> {
    oys_service::bootstrap::run_advocate_assignment().await
}
