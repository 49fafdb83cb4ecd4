//! Lambda function behind the public API (API Gateway REST API with a WAF rate rule; payload 1.0,
//! and 2.0 for an HTTP API): `POST /v1/reports`, the report form's endpoint.
//! What it reads from its environment: `oys_lambda::config::SubmitReportConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_submit_report().await
}
