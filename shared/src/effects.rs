//! Effects: what must happen once per report — a disclosure (data left the lead organisations)
//! or a notice — and the keys they are recorded under.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Something that must happen once: a disclosure (data left the lead organisations) or a
/// notice. Claimed before it is done, recorded after, keyed per report: a redelivered message
/// skips it, a concurrent one finds the claim; only a crash between the send and the record,
/// and the claim's lease running out, can repeat it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectRecord {
    /// Stable key within the report, e.g. `police_referral:disclosed`.
    pub key: String,
    pub kind: EffectKind,
    /// Who received it (a force and its mailbox; "operators").
    pub recipient: String,
    /// The consent it was made under, for disclosures.
    pub consent: Option<String>,
    /// What was disclosed or said, in words (never the data itself).
    pub detail: String,
    pub at: Timestamp,
    /// Whether the email reached the recipient's mail server: `sent` until the transport
    /// reports a bounce, complaint or rejection (SES feedback), which is recorded here.
    #[serde(default)]
    pub delivery: DeliveryStatus,
}

impl EffectRecord {
    /// The mailbox a disclosure went to: recipients are recorded as `Name <mailbox>`.
    pub fn mailbox(&self) -> Option<&str> {
        let (_, rest) = self.recipient.rsplit_once('<')?;
        rest.strip_suffix('>').filter(|m| m.contains('@'))
    }

    /// The recipient's name, without the mailbox.
    pub fn recipient_name(&self) -> &str {
        self.recipient.rsplit_once('<').map_or(self.recipient.as_str(), |(name, _)| name.trim())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    #[default]
    Sent,
    Bounced,
    Complained,
    Rejected,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Bounced => "bounced",
            DeliveryStatus::Complained => "complained",
            DeliveryStatus::Rejected => "rejected",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectKind {
    Disclosure,
    Notice,
}

/// Effect keys: one per thing done once for a report. (Keys made per partner or per disclosure
/// are built where they are used: `partner_handoff:<id>`, `erasure_notice:<key>`, ….)
pub mod keys {
    pub const POLICE_DISCLOSED: &str = "police_referral:disclosed";
    pub const POLICE_OPERATORS_TOLD: &str = "police_referral:operators_told";
    pub const POLICE_FORCE_NEEDED: &str = "police_referral:force_needed";
    pub const POLICE_WITHDRAWAL_NOTIFIED: &str = "police_referral:withdrawal_notified";
    pub const POLICE_AWAITING_RELEASE: &str = "police_referral:awaiting_release";
    pub const ADVOCATE_OPERATORS_TOLD: &str = "advocate_assignment:operators_told";
}
