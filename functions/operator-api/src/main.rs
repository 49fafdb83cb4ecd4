//! Lambda function behind the operator API: casework routes and reports taken by phone, callers
//! taken from the API Gateway JWT authorizer's claims (Cognito groups are the roles).
//! What it reads from its environment: `oys_lambda::config::OperatorApiConfig`.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_operator_api().await
}
