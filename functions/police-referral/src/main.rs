//! Lambda function on the police-referral queue (SQS event source, `ReportBatchItemFailures`).
//! What it reads from its environment: `oys_lambda::config::PoliceReferralConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_police_referral().await
}
