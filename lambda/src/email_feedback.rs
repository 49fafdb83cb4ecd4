//! The email-feedback function's events: SES bounce, complaint and reject notifications, as
//! the configuration set publishes them to SNS, read into what the application records.

use serde_json::Value;
use tracing::{info, warn};

use oys_application::feedback::{record_delivery_failure, FeedbackOutcome};
use oys_application::ports::{EffectTag, PortError};
use oys_application::Services;
use oys_shared::effects::DeliveryStatus;
use oys_shared::Reference;

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
    record_delivery_failure(svc, status, tag).await
}

#[cfg(test)]
mod tests {
    use super::*;

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
