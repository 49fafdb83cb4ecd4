//! Casework: who may see and do what, the state of a case, the events operators record, and
//! the handoff a partner organisation receives once the reporter consents to share with it.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case_record::{CaseSummary, ContactDetails, Narrative};
use crate::errors::{ErrorCode, FieldError};
use crate::fields::TextRule;
use crate::reference::Reference;
use crate::report::{limits, Channel, PoliceConsent};

mod caseload;
mod events;
mod handoff;
mod listing;
mod retention;
#[cfg(test)]
mod tests;

pub use caseload::*;
pub use events::*;
pub use handoff::*;
pub use listing::*;
pub use retention::*;

choice! {
    /// Staff roles (Cognito groups in AWS).
    pub enum StaffRole {
        /// Helpline operators of the lead organisations: every case.
        Operator => "operator",
        /// Operators who also receive escalations and read audit trails.
        Lead => "lead",
        /// Caseworker advocates of a partner organisation: only cases shared with it.
        Advocate => "advocate",
        /// Not staff: the reporter, adding to their report with its receipt. Recorded on the
        /// events they add; never granted by a sign-in (`auth` refuses it as a group).
        Reporter => "reporter",
    }
}

/// An authenticated member of staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caller {
    /// Stable user id (Cognito `sub`, or the local user's name).
    pub user: String,
    pub roles: Vec<StaffRole>,
    /// For advocates: the partner organisation they work for.
    pub partner_id: Option<String>,
}

impl Caller {
    /// Operators and leads work on every case of the lead organisations.
    pub fn is_operator(&self) -> bool {
        self.roles.iter().any(|r| matches!(r, StaffRole::Operator | StaffRole::Lead))
    }

    pub fn is_lead(&self) -> bool {
        self.roles.contains(&StaffRole::Lead)
    }

    /// The partner whose advocate this caller is, if any.
    pub fn advocate_of(&self) -> Option<&str> {
        if self.roles.contains(&StaffRole::Advocate) {
            self.partner_id.as_deref()
        } else {
            None
        }
    }

    /// The role recorded in the audit trail.
    pub fn main_role(&self) -> StaffRole {
        if self.is_lead() {
            StaffRole::Lead
        } else if self.is_operator() {
            StaffRole::Operator
        } else {
            StaffRole::Advocate
        }
    }
}

/// How and when a consent decision was recorded: what every consent record says (time, channel,
/// who, and the privacy notice version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub at: Timestamp,
    pub channel: Channel,
    pub recorded_by: String,
    pub privacy_notice_version: String,
}

choice! {
    pub enum ShareDecision { Given => "given", Refused => "refused", Withdrawn => "withdrawn" }
}

/// The reporter's decision about sharing their details with one partner organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareConsent {
    pub partner_id: String,
    pub decision: ShareDecision,
    pub record: ConsentRecord,
}

/// What has happened on a case, beyond the report itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseState {
    /// Bumped on every change: writes are conditional on it.
    pub version: u64,
    pub first_call_reached_at: Option<Timestamp>,
    /// The partner a person confirmed (from the proposal or another).
    pub assigned_partner: Option<String>,
    pub share: Option<ShareConsent>,
    pub advocate_contact_made_at: Option<Timestamp>,
    /// Chosen by an operator when the force could not be chosen automatically.
    pub police_force: Option<String>,
    pub police_consent_withdrawn: Option<ConsentRecord>,
    /// When an operator released the police referral of a report from the public form, and who.
    #[serde(default)]
    pub police_referral_released_at: Option<Timestamp>,
    #[serde(default)]
    pub police_referral_released_by: Option<String>,
    pub closed_at: Option<Timestamp>,
    /// When an operator withdrew the report as a duplicate or spam (it left the statistics).
    #[serde(default)]
    pub withdrawn_at: Option<Timestamp>,
    /// When the reporter, with their receipt, asked for a caseworker advocate after reporting.
    #[serde(default)]
    pub advocate_requested_at: Option<Timestamp>,
    /// When the reporter gave a phone with their receipt that waits for an operator to confirm
    /// it (`ContactDetails::with_follow_up_phone`); `None` once confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_proposed_at: Option<Timestamp>,
    /// When the reporter last added to their report with their receipt, until staff next
    /// record something on the case (the work queue lists it meanwhile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter_added_at: Option<Timestamp>,
    /// The earliest time some of the case's personal data is due to be erased (the index the
    /// scheduled job reads); kept equal to the earlier of the two below by `RetentionPolicy`.
    pub personal_data_expires_at: Option<Timestamp>,
    /// When the contact details are due to be erased (sooner than the narrative).
    #[serde(default)]
    pub contact_expires_at: Option<Timestamp>,
    /// When the narrative and the words of notes are due to be erased.
    #[serde(default)]
    pub narrative_expires_at: Option<Timestamp>,
    /// When the contact details were erased by retention (the narrative may remain a while).
    #[serde(default)]
    pub contact_erased_at: Option<Timestamp>,
    /// When the personal data was erased (on request or by retention).
    pub erased_at: Option<Timestamp>,
    /// The reporter was "not sure yet" about the police in their report, and later told an
    /// operator what they decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub police_decided: Option<PoliceDecision>,
}

/// A decision about the police that the reporter made after reporting "not sure yet".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoliceDecision {
    pub consent: PoliceConsent,
    pub record: ConsentRecord,
}

// The police-release rule lives with the police rules; casework reads it from there.
pub use crate::police::{police_consent_now, police_release_pending, police_release_required};

impl CaseState {
    /// The partner that may see the case now: consent given and not withdrawn.
    pub fn shared_with(&self) -> Option<&str> {
        self.share.as_ref().filter(|s| s.decision == ShareDecision::Given).map(|s| s.partner_id.as_str())
    }

    /// When the consent to share that stands was recorded.
    pub fn shared_at(&self) -> Option<Timestamp> {
        self.share.as_ref().filter(|s| s.decision == ShareDecision::Given).map(|s| s.record.at)
    }
}
