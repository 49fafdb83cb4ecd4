//! Lambda function on the email-feedback SNS topic, where the SES configuration set publishes
//! bounces, complaints and rejections.
//! What it reads from its environment: `oys_lambda::config::EmailFeedbackConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_email_feedback().await
}
