//! Cognito's pre-token-generation trigger on the staff user pool (V2_0 event): copies an
//! advocate's `custom:partner_id` attribute into the access token, so advocates can use access
//! tokens, not ID tokens, as bearer tokens. Reads no environment.

#[tokio::main]
async fn main() -> Result<(), oys_lambda::Error> {
    oys_lambda::run_pre_token_generation().await
}
