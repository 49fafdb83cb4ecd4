//! Email feedback: what SES reports after it accepted an email (a bounce, a complaint, a
//! rejection), as the configuration set publishes it to SNS. A disclosure that bounced is
//! recorded as not delivered and the operators are told, by reference only, so a person can
//! reach the force or partner another way. Emails that are not effects (alerts, reminders)
//! carry no tags and are only counted: a bouncing operators' mailbox must not loop.

use serde_json::Value;
use tracing::{info, warn};

use oys_shared::Reference;

use crate::ports::{EffectTag, PortError};
use crate::services::Services;
use oys_shared::effects::DeliveryStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackOutcome {
    /// The effect is now recorded as not delivered and the operators were told.
    Recorded { reference: Reference, status: DeliveryStatus },
    /// Already recorded (SNS delivers at least once): nothing more done.
    AlreadyRecorded,
    /// Not about an effect (no tags), not a failure, or an effect this store does not hold.
    Ignored,
}

/// The delivery failure an SES event reports, and the effect it is about, if tagged.
fn read_event(message: &Value) -> Option<(DeliveryStatus, EffectTag)> {
    let kind = message.get("eventType").or_else(|| message.get("notificationType"))?.as_str()?;
    let status = match kind {
        "Bounce" => DeliveryStatus::Bounced,
        "Complaint" => DeliveryStatus::Complained,
        "Reject" => DeliveryStatus::Rejected,
        _ => return None,
    };
    let tags = message.get("mail")?.get("tags")?;
    let first = |name: &str| tags.get(name)?.as_array()?.first()?.as_str().map(str::to_string);
    let reference = Reference::parse(&first("reference")?)?;
    let key = EffectTag::decode_key(&first("effect")?)?;
    Some((status, EffectTag { reference, key }))
}

/// Handles one SNS message body from the email-feedback topic.
pub async fn handle_notification(svc: &Services, body: &str) -> Result<FeedbackOutcome, PortError> {
    let Ok(message) = serde_json::from_str::<Value>(body) else {
        warn!("email feedback that is not JSON: ignored");
        return Ok(FeedbackOutcome::Ignored);
    };
    let Some((status, tag)) = read_event(&message) else {
        info!("email feedback about an untagged email or not a failure: ignored");
        return Ok(FeedbackOutcome::Ignored);
    };
    let Some(before) = svc.effects.mark_undelivered(&tag.reference, &tag.key, status).await? else {
        warn!(reference = %tag.reference, "email feedback about an effect that is not recorded");
        return Ok(FeedbackOutcome::Ignored);
    };
    if before.delivery == status {
        return Ok(FeedbackOutcome::AlreadyRecorded);
    }
    // A failed notice to the operators themselves is only recorded: emailing them again
    // about it could loop.
    if before.recipient != "operators" {
        let subject = format!("Not delivered: {} for {}", before.detail, tag.reference);
        let text = format!(
            "{subject}\n\nThe email ({detail}) sent on {at} to {recipient} for {reference} was {status} by the\n\
             recipient's mail system. It is recorded as not delivered.\n\n\
             Please check the address configured for this recipient and reach them another way.\n\
             This email deliberately holds no personal details.\n",
            detail = before.detail,
            at = oys_shared::calendar::uk_time(before.at),
            recipient = before.recipient,
            reference = tag.reference,
            status = status.as_str(),
        );
        svc.mailer.send(&svc.alerts.to_operators(&tag.reference, subject, text)).await?;
    }
    warn!(reference = %tag.reference, effect = %tag.key, status = status.as_str(), "email not delivered");
    Ok(FeedbackOutcome::Recorded { reference: tag.reference, status })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effect_keys_survive_the_tag_encoding() {
        let tag = EffectTag { reference: Reference::from_entropy(1), key: "partner_handoff:example-london".into() };
        let encoded = tag.encoded_key();
        assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_eq!(EffectTag::decode_key(&encoded).as_deref(), Some("partner_handoff:example-london"));
        assert_eq!(EffectTag::decode_key("zz"), None);
    }

    #[test]
    fn ses_events_are_read_with_their_tags() {
        let reference = Reference::from_entropy(9);
        let tag = EffectTag { reference: reference.clone(), key: "police_referral:disclosed".into() };
        let event = serde_json::json!({
            "eventType": "Bounce",
            "bounce": {"bounceType": "Permanent"},
            "mail": {"tags": {"reference": [reference.to_string()], "effect": [tag.encoded_key()]}}
        });
        assert_eq!(read_event(&event), Some((DeliveryStatus::Bounced, tag)));
        assert_eq!(read_event(&serde_json::json!({"eventType": "Delivery", "mail": {"tags": {}}})), None);
        assert_eq!(read_event(&serde_json::json!({"eventType": "Bounce", "mail": {}})), None);
    }
}
