//! Lambda function on the advocate-assignment queue (SQS event source,
//! `ReportBatchItemFailures`).
//! What it reads from its environment: `oys_lambda::config::AdvocateAssignmentConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_advocate_assignment().await
}
