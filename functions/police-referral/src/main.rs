//! Lambda function on the police-referral queue (SQS event source, `ReportBatchItemFailures`).
//! What it reads from its environment: `oys_service::bootstrap::config::PoliceReferralConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_service::bootstrap::Error> {
    oys_service::bootstrap::run_police_referral().await
}
