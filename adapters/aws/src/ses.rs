//! Email through SES (v1 `SendRawEmail`: the same MIME bytes the local outbox saves).

use async_trait::async_trait;
use aws_sdk_ses::error::DisplayErrorContext;
use aws_sdk_ses::primitives::Blob;
use aws_sdk_ses::types::{MessageTag, RawMessage};
use aws_sdk_ses::Client;

use oys_application::mime::to_mime;
use oys_application::ports::{Mailer, OutgoingEmail, PortError};

pub struct SesMailer {
    client: Client,
}

impl SesMailer {
    pub fn new(client: Client) -> Self {
        SesMailer { client }
    }
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, PortError> {
        let message_id = format!("{}@on-your-side", uuid::Uuid::new_v4());
        let raw = RawMessage::builder()
            .data(Blob::new(to_mime(email, &message_id)))
            .build()
            .map_err(|e| PortError::new("build email", e))?;
        let output = self
            .client
            .send_raw_email()
            .source(&email.from)
            .set_destinations(Some(email.to.clone()))
            .raw_message(raw)
            .set_tags(tags(email)?)
            .send()
            .await
            .map_err(|e| PortError::new("send email", DisplayErrorContext(e)))?;
        Ok(output.message_id)
    }
}

/// The effect an email is, as SES message tags: SES puts them in its bounce and complaint
/// events, so the email-feedback function can find the effect. References and keys only.
fn tags(email: &OutgoingEmail) -> Result<Option<Vec<MessageTag>>, PortError> {
    let Some(effect) = &email.effect else { return Ok(None) };
    let tag = |name: &str, value: String| {
        MessageTag::builder().name(name).value(value).build().map_err(|e| PortError::new("build email", e))
    };
    Ok(Some(vec![tag("reference", effect.reference.to_string())?, tag("effect", effect.encoded_key())?]))
}
