//! Email feedback: what SES reports after it accepted an email (a bounce, a complaint, a
//! rejection), as the configuration set publishes it to SNS. A disclosure that bounced is
//! recorded as not delivered and the operators are told, by reference only, so a person can
//! reach the force or partner another way. Emails that are not effects (alerts, reminders)
//! carry no tags and are only counted: a bouncing operators' mailbox must not loop.

use tracing::warn;

use oys_shared::Reference;

use crate::ports::{EffectTag, PortError};
use oys_shared::effects::DeliveryStatus;

crate::services::use_case_ports! { ports: [WithEffects, WithMailer, WithAlerts] }

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackOutcome {
    /// The effect is now recorded as not delivered and the operators were told.
    Recorded { reference: Reference, status: DeliveryStatus },
    /// Already recorded (SNS delivers at least once): nothing more done.
    AlreadyRecorded,
    /// Not about an effect (no tags), not a failure, or an effect this store does not hold.
    Ignored,
}

/// Records what SES reported about an email that is an effect (`tag`): not delivered, and the
/// operators told by reference, once. The Lambda bootstrap reads the SES event into these.
pub async fn record_delivery_failure(
    svc: &impl Ports,
    status: DeliveryStatus,
    tag: EffectTag,
) -> Result<FeedbackOutcome, PortError> {
    let Some(before) = svc.effects().mark_undelivered(&tag.reference, &tag.key, status).await? else {
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
        svc.mailer().send(&svc.alerts().to_operators(&tag.reference, subject, text)).await?;
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
}
