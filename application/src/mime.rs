//! Emails as RFC 5322 messages: the SES adapter sends these bytes, the outbox saves them as
//! `.eml` files, so what a person opens locally is what SES would have sent.

use crate::ports::OutgoingEmail;
use mail_builder::MessageBuilder;

/// The message in MIME form (UTF-8 text/plain, encoded as the builder sees fit).
pub fn to_mime(email: &OutgoingEmail, message_id: &str) -> Vec<u8> {
    let builder = MessageBuilder::new()
        .from(email.from.as_str())
        .to(email.to.iter().map(String::as_str).collect::<Vec<_>>())
        .subject(email.subject.as_str())
        .message_id(message_id)
        .text_body(email.text.as_str());
    builder.write_to_vec().expect("writing to a Vec cannot fail")
}
