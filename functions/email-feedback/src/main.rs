//! Lambda function on the email-feedback SNS topic, where the SES configuration set publishes
//! bounces, complaints and rejections.
//! What it reads from its environment: `oys_service::bootstrap::config::EmailFeedbackConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_service::bootstrap::Error> {
    oys_service::bootstrap::run_email_feedback().await
}
