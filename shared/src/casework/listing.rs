//! How a case is listed: its status and the line of a case list (operators' and advocates').

use super::*;

/// A line of a case list: categories, status and the next deadline, nothing personal. The
/// stores keep what it is made of beside the state, so their list indexes can read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseListing {
    pub reference: Reference,
    pub received_at: Timestamp,
    pub status: CaseStatus,
    pub routes: Vec<crate::routing::Route>,
    pub nation: crate::geography::Nation,
    pub assigned_partner: Option<String>,
    /// Filled in by casework from the case's deadlines (the stores leave it empty).
    pub next_due_at: Option<Timestamp>,
    /// A police referral from the public form waits for an operator to release it.
    pub police_release_pending: bool,
    /// How the report came in (the console's filter).
    #[serde(default)]
    pub channel: Channel,
    #[serde(default)]
    pub incident_types: Vec<crate::report::IncidentType>,
    /// An operator reached the reporter (the advocate proposal is then theirs to confirm).
    #[serde(default)]
    pub call_reached: bool,
    /// The reporter added to the report since staff last recorded anything.
    #[serde(default)]
    pub reporter_added_at: Option<Timestamp>,
    /// The reporter gave a phone with their receipt that waits for an operator to confirm.
    #[serde(default)]
    pub phone_proposed: bool,
    /// When some of the case's personal data is next due to be erased.
    #[serde(default)]
    pub personal_data_expires_at: Option<Timestamp>,
    /// When the reporter's consent to share with the partner was recorded (if it stands).
    #[serde(default)]
    pub shared_at: Option<Timestamp>,
    /// The reporter is not sure yet whether to tell the police and asked to talk it through
    /// first: nothing went to the police; an operator's call should cover it.
    #[serde(default)]
    pub police_undecided: bool,
}

impl CaseListing {
    /// How a case is listed, from its categories and state.
    pub fn of(summary: &CaseSummary, state: &CaseState) -> CaseListing {
        CaseListing {
            reference: summary.reference.clone(),
            received_at: summary.received_at,
            status: status(summary, state),
            routes: summary.routes.clone(),
            nation: summary.nation,
            assigned_partner: state.assigned_partner.clone(),
            next_due_at: None,
            police_release_pending: police_release_pending(summary, state),
            channel: summary.channel,
            incident_types: summary.incident_types.clone(),
            call_reached: state.first_call_reached_at.is_some(),
            reporter_added_at: state.reporter_added_at,
            phone_proposed: state.phone_proposed_at.is_some(),
            personal_data_expires_at: state.personal_data_expires_at,
            shared_at: state.shared_at(),
            // Undecided and reachable: an operator's call should talk it through.
            police_undecided: police_consent_now(summary, state) == PoliceConsent::NotSure
                && (summary.phone_given || summary.email_given)
                && state.contact_erased_at.is_none(),
        }
    }
}

/// A line of an advocate's case list: what they need to know to pick the case up (their own
/// call-back deadline in `next_due_at`), nothing of the police choice, the routes or the nation,
/// as their view of one case holds none of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdvocateCaseListing {
    pub reference: Reference,
    pub received_at: Timestamp,
    /// When the reporter's consent to share with the advocate's organisation was recorded.
    pub shared_at: Option<Timestamp>,
    pub status: CaseStatus,
    pub next_due_at: Option<Timestamp>,
}

impl From<CaseListing> for AdvocateCaseListing {
    fn from(listing: CaseListing) -> Self {
        AdvocateCaseListing {
            reference: listing.reference,
            received_at: listing.received_at,
            shared_at: listing.shared_at,
            status: listing.status,
            next_due_at: listing.next_due_at,
        }
    }
}

impl CaseStatus {
    /// What a list shows when no status is asked for: every case not closed.
    pub fn listed_by_default() -> Vec<CaseStatus> {
        CaseStatus::ALL.iter().copied().filter(|s| *s != CaseStatus::Closed).collect()
    }
}

choice! {
    /// Where a case stands, for the operators' lists.
    pub enum CaseStatus {
        /// An advocate was asked for: an operator must call the reporter and confirm a partner.
        AwaitingCall => "awaiting_call",
        /// A partner is confirmed: the reporter's consent to share with it is awaited.
        AwaitingShareConsent => "awaiting_share_consent",
        /// Shared with the partner: its advocate must make first contact.
        AwaitingAdvocateContact => "awaiting_advocate_contact",
        /// The advocate is supporting the reporter.
        WithAdvocate => "with_advocate",
        /// Nothing is waiting on the service (no advocate wanted, or sharing refused).
        Open => "open",
        Closed => "closed",
    }
}

/// The status of a case from its summary and state.
pub fn status(summary: &CaseSummary, state: &CaseState) -> CaseStatus {
    if state.closed_at.is_some() {
        return CaseStatus::Closed;
    }
    if !CaseEvent::wants_advocate(summary, state) {
        return CaseStatus::Open;
    }
    match (&state.assigned_partner, &state.share) {
        (None, _) => CaseStatus::AwaitingCall,
        (Some(_), None) => CaseStatus::AwaitingShareConsent,
        (Some(_), Some(share)) if share.decision != ShareDecision::Given => CaseStatus::Open,
        (Some(_), Some(_)) if state.advocate_contact_made_at.is_none() => CaseStatus::AwaitingAdvocateContact,
        _ => CaseStatus::WithAdvocate,
    }
}

choice! {
    pub enum CallOutcome {
        Reached => "reached",
        NoAnswer => "no_answer",
        VoicemailLeft => "voicemail_left",
        UnsafeToTalk => "unsafe_to_talk",
        WrongNumber => "wrong_number",
    }
}

choice! {
    pub enum WithdrawalScope { Police => "police", Partner => "partner" }
}
