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

/// How long personal data is kept: every report gets an expiry when it arrives, and each thing
/// done on the case (an event, closing it) pushes it back. Contact details go sooner than the
/// account of what happened. Nothing is kept forever: a case nobody touches expires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPolicy {
    pub contact_days: u32,
    pub narrative_days: u32,
}

impl RetentionPolicy {
    /// Contact details 180 days, the narrative 365, after the last activity on a case.
    pub const DEFAULT: RetentionPolicy = RetentionPolicy { contact_days: 180, narrative_days: 365 };
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy::DEFAULT
    }
}

/// What the retention purge erases of a case now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErasureScope {
    /// The contact details only.
    ContactDetails,
    /// Everything personal: narrative, contact details, the words of notes.
    All,
}

impl RetentionPolicy {
    /// Checks the periods: 1 to 3650 days each, contact details no longer than the narrative.
    pub fn new(contact_days: u32, narrative_days: u32) -> Result<Self, String> {
        if !(1..=3650).contains(&contact_days) || !(1..=3650).contains(&narrative_days) {
            return Err("retention periods must be 1 to 3650 days".into());
        }
        if contact_days > narrative_days {
            return Err("contact details cannot be kept longer than the narrative".into());
        }
        Ok(RetentionPolicy { contact_days, narrative_days })
    }

    /// The state with its personal data kept for the policy's periods from `activity_at`
    /// (never shortened by it; nothing to do once erased).
    pub fn extend(&self, state: &CaseState, activity_at: Timestamp) -> CaseState {
        let mut next = state.clone();
        if next.erased_at.is_some() {
            next.contact_expires_at = None;
            next.narrative_expires_at = None;
            next.personal_data_expires_at = None;
            return next;
        }
        let later = |days: u32, current: Option<Timestamp>| {
            let at = activity_at.checked_add(SignedDuration::from_hours(24 * i64::from(days))).expect("in range");
            Some(current.map_or(at, |current| current.max(at)))
        };
        next.contact_expires_at =
            if next.contact_erased_at.is_some() { None } else { later(self.contact_days, next.contact_expires_at) };
        next.narrative_expires_at = later(self.narrative_days, next.narrative_expires_at);
        next.personal_data_expires_at = next_expiry(&next);
        next
    }
}

impl RetentionPolicy {
    /// The state once new contact details are saved at `at` (a phone given with a follow-up):
    /// they expire on the contact period from then, even where retention erased earlier ones.
    pub fn contact_saved(&self, state: &CaseState, at: Timestamp) -> CaseState {
        let mut next = state.clone();
        next.contact_erased_at = None;
        self.extend(&next, at)
    }
}

/// The state once retention erased the contact details at `at`: the next expiry is the narrative's.
pub fn contact_details_erased(state: &CaseState, at: Timestamp) -> CaseState {
    let mut next = state.clone();
    next.version += 1;
    next.contact_erased_at = Some(at);
    next.contact_expires_at = None;
    next.personal_data_expires_at = next_expiry(&next);
    next
}

/// The state once the case's personal data is erased at `at` (on request or at its expiry):
/// nothing is left to expire. A case erased before keeps its first erasure time.
pub fn erased(state: &CaseState, at: Timestamp) -> CaseState {
    let mut next = state.clone();
    next.version += 1;
    next.erased_at = Some(state.erased_at.unwrap_or(at));
    next.personal_data_expires_at = None;
    next.contact_expires_at = None;
    next.narrative_expires_at = None;
    next
}

/// One partner's count of open cases, moved by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseloadChange {
    pub partner_id: String,
    pub delta: i64,
}

/// A partner's caseload counts the cases shared with it: a case shared with a partner adds one
/// to its count, a case no longer shared with it takes one away.
pub fn caseload_changes(before: &CaseState, after: &CaseState) -> Vec<CaseloadChange> {
    match (before.shared_with(), after.shared_with()) {
        (old, new) if old == new => Vec::new(),
        (old, new) => {
            let left = old.map(|partner| CaseloadChange { partner_id: partner.to_string(), delta: -1 });
            let joined = new.map(|partner| CaseloadChange { partner_id: partner.to_string(), delta: 1 });
            left.into_iter().chain(joined).collect()
        }
    }
}

/// The earliest pending expiry of a case's personal data.
pub fn next_expiry(state: &CaseState) -> Option<Timestamp> {
    [state.contact_expires_at, state.narrative_expires_at].into_iter().flatten().min()
}

/// What retention erases of a case at `now`, if anything.
pub fn due_erasure(state: &CaseState, now: Timestamp) -> Option<ErasureScope> {
    if state.erased_at.is_some() {
        return None;
    }
    // Cases stored before per-class expiry had one time for everything.
    let narrative = state.narrative_expires_at.or(state
        .personal_data_expires_at
        .filter(|_| state.contact_expires_at.is_none() && state.narrative_expires_at.is_none()));
    if narrative.is_some_and(|at| at <= now) {
        Some(ErasureScope::All)
    } else if state.contact_expires_at.is_some_and(|at| at <= now) {
        Some(ErasureScope::ContactDetails)
    } else {
        None
    }
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

/// An event an operator (or advocate) records on a case (`POST /v1/cases/{ref}/events` in docs/openapi.json).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseEvent {
    CallMade {
        outcome: CallOutcome,
    },
    AssignmentConfirmed {
        partner_id: String,
    },
    ShareConsentGiven {
        partner_id: String,
        channel: Channel,
        privacy_notice_version: String,
    },
    ShareConsentRefused {
        partner_id: String,
        channel: Channel,
    },
    AdvocateContactMade,
    PoliceForceChosen {
        force: String,
    },
    ConsentWithdrawn {
        scope: WithdrawalScope,
        channel: Channel,
        privacy_notice_version: String,
    },
    CaseClosed {
        reason: String,
    },
    /// An operator read a report from the public form and lets its police referral go.
    PoliceReferralReleased,
    /// The reporter, "not sure yet" in their report, told an operator what they decided about
    /// the police (a referral, anonymous or with contact details, goes at once; or none).
    PoliceDecisionRecorded {
        consent: PoliceConsent,
        channel: Channel,
        privacy_notice_version: String,
    },
    /// Free text: personal data, erased with the case's.
    Note {
        text: String,
    },
    /// The reporter added to their report with its receipt (free text, erased with the case's).
    ReporterAddedInformation {
        text: String,
    },
    /// The reporter asked for a caseworker advocate with its receipt (the phone they gave is
    /// kept with the contact details, not here).
    ReporterAskedForAdvocate,
    /// An operator confirmed with the reporter the phone they gave with their receipt, which
    /// then replaces the one held (the handoff and the advocate use it from now on).
    ReporterPhoneConfirmed,
    /// An operator found the report a duplicate or spam (or a staff test): it leaves the counts
    /// of months not yet published, and the case closes.
    WithdrawnAsDuplicateOrSpam,
}

impl CaseEvent {
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::CallMade { .. } => "call_made",
            CaseEvent::AssignmentConfirmed { .. } => "assignment_confirmed",
            CaseEvent::ShareConsentGiven { .. } => "share_consent_given",
            CaseEvent::ShareConsentRefused { .. } => "share_consent_refused",
            CaseEvent::AdvocateContactMade => "advocate_contact_made",
            CaseEvent::PoliceForceChosen { .. } => "police_force_chosen",
            CaseEvent::ConsentWithdrawn { .. } => "consent_withdrawn",
            CaseEvent::CaseClosed { .. } => "case_closed",
            CaseEvent::PoliceReferralReleased => "police_referral_released",
            CaseEvent::PoliceDecisionRecorded { .. } => "police_decision_recorded",
            CaseEvent::Note { .. } => "note",
            CaseEvent::ReporterAddedInformation { .. } => "reporter_added_information",
            CaseEvent::ReporterAskedForAdvocate => "reporter_asked_for_advocate",
            CaseEvent::ReporterPhoneConfirmed => "reporter_phone_confirmed",
            CaseEvent::WithdrawnAsDuplicateOrSpam => "withdrawn_as_duplicate_or_spam",
        }
    }

    /// Whether an advocate of the partner the case is shared with may record it.
    pub fn allowed_for_advocate(&self) -> bool {
        matches!(self, CaseEvent::AdvocateContactMade | CaseEvent::Note { .. })
    }

    /// Whether it holds free text (kept apart and erased with the case's personal data).
    /// The event with its free text replaced, for erasure: what happened stays, the words go.
    pub fn redacted(&self) -> CaseEvent {
        match self {
            CaseEvent::Note { .. } => CaseEvent::Note { text: "[erased]".into() },
            CaseEvent::CaseClosed { .. } => CaseEvent::CaseClosed { reason: "[erased]".into() },
            CaseEvent::ReporterAddedInformation { .. } => {
                CaseEvent::ReporterAddedInformation { text: "[erased]".into() }
            }
            other => other.clone(),
        }
    }

    pub fn has_free_text(&self) -> bool {
        matches!(
            self,
            CaseEvent::Note { .. } | CaseEvent::CaseClosed { .. } | CaseEvent::ReporterAddedInformation { .. }
        )
    }

    /// Whether only the reporter (through their receipt) records it, never staff.
    pub fn is_reporters(&self) -> bool {
        matches!(self, CaseEvent::ReporterAddedInformation { .. } | CaseEvent::ReporterAskedForAdvocate)
    }

    /// Whether the case wants a caseworker advocate: asked for in the report or later.
    pub fn wants_advocate(summary: &CaseSummary, state: &CaseState) -> bool {
        summary.advocate_support || state.advocate_requested_at.is_some()
    }
}

pub const EVENT_TYPES: &[&str] = &[
    "call_made",
    "assignment_confirmed",
    "share_consent_given",
    "share_consent_refused",
    "advocate_contact_made",
    "police_force_chosen",
    "consent_withdrawn",
    "case_closed",
    "note",
    "police_referral_released",
    "withdrawn_as_duplicate_or_spam",
    "reporter_phone_confirmed",
    "police_decision_recorded",
];

/// Parses an event body with field errors, like a report.
pub fn parse_event(body: &Value) -> Result<CaseEvent, Vec<FieldError>> {
    let Some(obj) = body.as_object() else {
        return Err(vec![FieldError::new("body", ErrorCode::InvalidType).with("expected", "object")]);
    };
    let mut errors = Vec::new();
    let text = |errors: &mut Vec<FieldError>, key: &str, rule: TextRule| -> Option<String> {
        match obj.get(key) {
            Some(Value::String(s)) if !s.trim().is_empty() => rule.check(key, s).map_err(|e| errors.push(e)).ok(),
            None | Some(Value::Null) | Some(Value::String(_)) => {
                errors.push(FieldError::new(key, ErrorCode::Required));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(key, ErrorCode::InvalidType).with("expected", "string"));
                None
            }
        }
    };
    fn choice<T: crate::choice::Choice>(
        errors: &mut Vec<FieldError>,
        obj: &serde_json::Map<String, Value>,
        key: &str,
    ) -> Option<T> {
        match obj.get(key).and_then(Value::as_str) {
            Some(s) => T::parse(s).or_else(|| {
                errors.push(FieldError::new(key, ErrorCode::InvalidChoice).with("allowed", T::allowed()));
                None
            }),
            None => {
                errors.push(FieldError::new(key, ErrorCode::Required));
                None
            }
        }
    }
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or_default();
    let allowed_keys: &[&str] = match kind {
        "call_made" => &["outcome"],
        "assignment_confirmed" => &["partner_id"],
        "share_consent_refused" => &["partner_id", "channel"],
        "share_consent_given" => &["partner_id", "channel", "privacy_notice_version"],
        "advocate_contact_made" => &[],
        "police_force_chosen" => &["force"],
        "consent_withdrawn" => &["scope", "channel", "privacy_notice_version"],
        "case_closed" => &["reason"],
        "note" => &["text"],
        "police_referral_released" => &[],
        "withdrawn_as_duplicate_or_spam" => &[],
        "reporter_phone_confirmed" => &[],
        "police_decision_recorded" => &["consent", "channel", "privacy_notice_version"],
        _ => {
            let code = if kind.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice };
            return Err(vec![FieldError::new("type", code).with("allowed", EVENT_TYPES.join(", "))]);
        }
    };
    for key in obj.keys() {
        if key != "type" && !allowed_keys.contains(&key.as_str()) {
            // Said of an event, not of the report form.
            let field = crate::errors::sanitised_field_name(key);
            errors.push(FieldError::new(field, ErrorCode::UnknownField).with("of", kind));
        }
    }
    // How a consent decision was said: the channel, and the privacy notice it was given under.
    let how_said = |errors: &mut Vec<FieldError>| {
        let channel = choice::<Channel>(errors, obj, "channel");
        let version = text(errors, "privacy_notice_version", TextRule::line(limits::PRIVACY_NOTICE_VERSION));
        channel.zip(version)
    };
    let event = match kind {
        "call_made" => choice(&mut errors, obj, "outcome").map(|outcome| CaseEvent::CallMade { outcome }),
        "assignment_confirmed" => text(&mut errors, "partner_id", TextRule::line(64))
            .map(|partner_id| CaseEvent::AssignmentConfirmed { partner_id }),
        "share_consent_given" => {
            let partner_id = text(&mut errors, "partner_id", TextRule::line(64));
            partner_id.zip(how_said(&mut errors)).map(|(partner_id, (channel, privacy_notice_version))| {
                CaseEvent::ShareConsentGiven { partner_id, channel, privacy_notice_version }
            })
        }
        "share_consent_refused" => {
            let partner_id = text(&mut errors, "partner_id", TextRule::line(64));
            let channel = choice(&mut errors, obj, "channel");
            partner_id.zip(channel).map(|(partner_id, channel)| CaseEvent::ShareConsentRefused { partner_id, channel })
        }
        "advocate_contact_made" => Some(CaseEvent::AdvocateContactMade),
        "police_force_chosen" => {
            text(&mut errors, "force", TextRule::line(64)).map(|force| CaseEvent::PoliceForceChosen { force })
        }
        "consent_withdrawn" => {
            let scope = choice(&mut errors, obj, "scope");
            scope.zip(how_said(&mut errors)).map(|(scope, (channel, privacy_notice_version))| {
                CaseEvent::ConsentWithdrawn { scope, channel, privacy_notice_version }
            })
        }
        "case_closed" => {
            text(&mut errors, "reason", TextRule::paragraphs(500)).map(|reason| CaseEvent::CaseClosed { reason })
        }
        "note" => {
            text(&mut errors, "text", TextRule::paragraphs(limits::DESCRIPTION)).map(|text| CaseEvent::Note { text })
        }
        "police_referral_released" => Some(CaseEvent::PoliceReferralReleased),
        "withdrawn_as_duplicate_or_spam" => Some(CaseEvent::WithdrawnAsDuplicateOrSpam),
        "reporter_phone_confirmed" => Some(CaseEvent::ReporterPhoneConfirmed),
        "police_decision_recorded" => {
            // A decision: "not sure yet" is what it replaces, never one.
            let consent = match choice::<PoliceConsent>(&mut errors, obj, "consent") {
                Some(PoliceConsent::NotSure) => {
                    let allowed = "no, anonymous, with_contact_details";
                    errors.push(FieldError::new("consent", ErrorCode::InvalidChoice).with("allowed", allowed));
                    None
                }
                consent => consent,
            };
            consent.zip(how_said(&mut errors)).map(|(consent, (channel, privacy_notice_version))| {
                CaseEvent::PoliceDecisionRecorded { consent, channel, privacy_notice_version }
            })
        }
        _ => unreachable!("kinds are matched above"),
    };
    match event {
        Some(event) if errors.is_empty() => Ok(event),
        _ => Err(errors),
    }
}

/// What a partner organisation may know of a case once the reporter consented to share with
/// it: how to reach the reporter and what happened. The handoff email and the advocate's view
/// of the case hold exactly this; never heritage, the police choice, or operators' notes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoffDetails {
    pub reference: Reference,
    /// `None` once erased.
    pub contact: Option<ContactDetails>,
    /// The language to speak to them in (or of the form they used).
    pub language: String,
    pub interpreter_needed: bool,
    pub support_needs: Vec<crate::report::SupportNeed>,
    pub incident_types: Vec<crate::report::IncidentType>,
    /// In the reporter's words; `None` once erased.
    pub description: Option<String>,
}

impl HandoffDetails {
    pub fn new(summary: &CaseSummary, narrative: Option<&Narrative>, contact: Option<&ContactDetails>) -> Self {
        HandoffDetails {
            reference: summary.reference.clone(),
            // A phone not yet confirmed with the reporter never reaches a partner.
            contact: contact.map(|c| ContactDetails { proposed_phone: None, ..c.clone() }),
            language: summary.spoken_language.as_ref().map_or(summary.language.as_str(), |l| l.as_str()).to_string(),
            interpreter_needed: summary.interpreter_needed == Some(true),
            support_needs: summary.support_needs.clone(),
            incident_types: summary.incident_types.clone(),
            description: narrative.map(|n| n.description.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn events_parse_with_field_errors() {
        assert_eq!(
            parse_event(&json!({"type": "call_made", "outcome": "reached"})).unwrap(),
            CaseEvent::CallMade { outcome: CallOutcome::Reached }
        );
        let err = parse_event(&json!({"type": "share_consent_given", "partner_id": "p", "colour": 1})).unwrap_err();
        let fields: Vec<(&str, ErrorCode)> = err.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert!(fields.contains(&("channel", ErrorCode::Required)), "{fields:?}");
        assert!(fields.contains(&("privacy_notice_version", ErrorCode::Required)));
        assert!(fields.contains(&("colour", ErrorCode::UnknownField)));
        assert_eq!(parse_event(&json!({"type": "dance"})).unwrap_err()[0].code, ErrorCode::InvalidChoice);
        assert_eq!(parse_event(&json!({})).unwrap_err()[0].field, "type");
        assert_eq!(parse_event(&json!({"type": "note", "text": "  "})).unwrap_err()[0].code, ErrorCode::Required);
        // A police decision is a decision: "not sure yet" is what it replaces.
        let decision = |consent: &str| json!({"type": "police_decision_recorded", "consent": consent, "channel": "phone", "privacy_notice_version": "v"});
        assert!(parse_event(&decision("anonymous")).is_ok());
        let refused = parse_event(&decision("not_sure")).unwrap_err();
        assert_eq!((refused[0].field.as_str(), refused[0].code), ("consent", ErrorCode::InvalidChoice));
    }

    #[test]
    fn personal_data_expires_from_the_start_and_activity_pushes_it_back() {
        let policy = RetentionPolicy::new(30, 90).unwrap();
        let day = |d: i64| "2026-01-01T00:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_hours(24 * d);
        let new = policy.extend(&CaseState::default(), day(0));
        assert_eq!((new.contact_expires_at, new.narrative_expires_at), (Some(day(30)), Some(day(90))));
        assert_eq!(new.personal_data_expires_at, Some(day(30)), "the index holds the earlier");
        let touched = policy.extend(&new, day(20));
        assert_eq!((touched.contact_expires_at, touched.narrative_expires_at), (Some(day(50)), Some(day(110))));
        assert_eq!(policy.extend(&touched, day(1)), touched, "an old time never shortens it");

        assert_eq!(due_erasure(&touched, day(49)), None);
        assert_eq!(due_erasure(&touched, day(50)), Some(ErasureScope::ContactDetails));
        assert_eq!(due_erasure(&touched, day(110)), Some(ErasureScope::All));
        let contact_gone = CaseState { contact_erased_at: Some(day(50)), ..touched.clone() };
        let after = policy.extend(&contact_gone, day(60));
        assert_eq!((after.contact_expires_at, after.personal_data_expires_at), (None, Some(day(150))));
        let erased = CaseState { erased_at: Some(day(70)), ..after };
        assert_eq!(policy.extend(&erased, day(80)).personal_data_expires_at, None);
        assert_eq!(due_erasure(&erased, day(1000)), None);
        assert!(RetentionPolicy::new(100, 30).is_err(), "contact details go first");
        assert!(RetentionPolicy::new(0, 30).is_err());
    }

    #[test]
    fn erasure_leaves_nothing_to_expire_and_keeps_the_first_erasure_time() {
        let at = |t: &str| t.parse::<Timestamp>().unwrap();
        let policy = RetentionPolicy::new(30, 90).unwrap();
        let live = CaseState { version: 4, ..policy.extend(&CaseState::default(), at("2026-01-01T00:00:00Z")) };
        let gone = erased(&live, at("2026-02-01T00:00:00Z"));
        assert_eq!(gone.version, 5, "written only over the state it was worked out from");
        assert_eq!(gone.erased_at, Some(at("2026-02-01T00:00:00Z")));
        let expiries = (gone.personal_data_expires_at, gone.contact_expires_at, gone.narrative_expires_at);
        assert_eq!(expiries, (None, None, None), "out of the expiry index");
        assert_eq!(erased(&gone, at("2026-03-01T00:00:00Z")).erased_at, gone.erased_at);
    }

    #[test]
    fn a_partners_caseload_counts_the_cases_shared_with_it() {
        let record = ConsentRecord {
            at: "2026-01-01T00:00:00Z".parse().unwrap(),
            channel: Channel::Phone,
            recorded_by: "op".into(),
            privacy_notice_version: "1".into(),
        };
        let with = |partner: &str, decision| CaseState {
            share: Some(ShareConsent { partner_id: partner.into(), decision, record: record.clone() }),
            ..CaseState::default()
        };
        let moved = |partner: &str, delta| CaseloadChange { partner_id: partner.into(), delta };
        let none = CaseState::default();
        assert_eq!(caseload_changes(&none, &with("a", ShareDecision::Given)), vec![moved("a", 1)]);
        assert_eq!(
            caseload_changes(&with("a", ShareDecision::Given), &with("a", ShareDecision::Withdrawn)),
            vec![moved("a", -1)]
        );
        assert_eq!(caseload_changes(&none, &with("a", ShareDecision::Refused)), vec![], "refused is not shared");
        assert_eq!(
            caseload_changes(&with("a", ShareDecision::Given), &with("b", ShareDecision::Given)),
            vec![moved("a", -1), moved("b", 1)]
        );
        assert!(caseload_changes(&with("a", ShareDecision::Given), &with("a", ShareDecision::Given)).is_empty());
    }

    #[test]
    fn erased_events_keep_what_happened_and_lose_the_words() {
        let record = |event| crate::case_history::EventRecord {
            id: "e1".into(),
            at: "2026-01-01T00:00:00Z".parse().unwrap(),
            by: "op".into(),
            role: StaffRole::Operator,
            event,
            partner_id: None,
        };
        let note = record(CaseEvent::Note { text: "ERASE-ME lives at 4 Hill St".into() });
        let erased = note.erased().expect("a note holds words");
        assert_eq!(erased.event, CaseEvent::Note { text: "[erased]".into() });
        assert_eq!((erased.id.as_str(), erased.at), ("e1", note.at), "the same record, rewritten in place");
        assert!(record(CaseEvent::AdvocateContactMade).erased().is_none(), "nothing to rewrite");
    }

    #[test]
    fn advocates_may_record_only_their_own_kinds_of_event() {
        assert!(CaseEvent::AdvocateContactMade.allowed_for_advocate());
        assert!(!CaseEvent::AssignmentConfirmed { partner_id: "x".into() }.allowed_for_advocate());
        assert!(!CaseEvent::CaseClosed { reason: "x".into() }.allowed_for_advocate());
    }
}

/// What applying an event to a case asks the service to do afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consequence {
    /// Send the handoff to this partner and start the advocate's 7-day clock.
    HandOff { partner_id: String },
    /// Tell this partner consent was withdrawn.
    NotifyWithdrawal { partner_id: String },
    /// Tell the force a referral went to (if one did) that police consent was withdrawn.
    NotifyPoliceWithdrawal,
    /// Send the police referral an operator released, or that a reporter who was not sure
    /// agreed to later (and stop the release clock, if it runs).
    ReleasePoliceReferral,
    /// Send the police referral to this force (chosen by an operator).
    ReferToPolice { force: String },
    /// The operator reached the reporter: the operator-call deadline is met.
    MeetOperatorCall,
    /// The advocate made contact: the advocate-call deadline is met.
    MeetAdvocateCall,
    /// The case is closed: every deadline is met.
    Close,
    /// The reporter asked for an advocate after reporting: route the case to advocate
    /// assignment, as if they had asked in the report.
    AssignAdvocate,
    /// A reporter who was not sure agreed to a police referral: route the case to the police
    /// referral, as if they had agreed in the report (owed with the change, so the sweeper
    /// finishes it if sending fails).
    RouteToPolice,
}

/// Applies `event` to `state`: the new state and what must follow, or field errors (an unknown
/// partner or force, sharing with a partner other than the confirmed one, acting on a closed
/// case). Pure: the caller stores the new state, then carries out the consequences.
pub fn apply_event(
    state: &CaseState,
    summary: &CaseSummary,
    event: &CaseEvent,
    actor: &str,
    at: Timestamp,
    known_partners: &[&str],
    known_forces: &[&str],
) -> Result<(CaseState, Vec<Consequence>), Vec<FieldError>> {
    let refuse = |field: &str, code: ErrorCode| Err(vec![FieldError::new(field, code)]);
    if state.erased_at.is_some() && (event.has_free_text() || event.is_reporters()) {
        // The words of an erased case are gone; new ones would be kept after erasure.
        return refuse("text", ErrorCode::CaseErased);
    }
    let adds_words = matches!(event, CaseEvent::Note { .. } | CaseEvent::ReporterAddedInformation { .. });
    if state.withdrawn_at.is_some() && matches!(event, CaseEvent::WithdrawnAsDuplicateOrSpam) {
        return refuse("type", ErrorCode::AlreadyWithdrawn);
    }
    // A closed case may still be found to be spam: it leaves the statistics all the same.
    let withdraws = matches!(event, CaseEvent::WithdrawnAsDuplicateOrSpam);
    if state.closed_at.is_some() && !adds_words && !withdraws {
        return refuse("type", ErrorCode::CaseClosed);
    }
    let mut next = state.clone();
    next.version += 1;
    // A reporter's addition waits in the work queue until staff next record something.
    next.reporter_added_at = match event {
        CaseEvent::ReporterAddedInformation { .. } => Some(at),
        event if event.is_reporters() => state.reporter_added_at,
        _ => None,
    };
    let mut consequences = Vec::new();
    let record = |channel: Channel, version: &str| ConsentRecord {
        at,
        channel,
        recorded_by: actor.to_string(),
        privacy_notice_version: version.to_string(),
    };
    match event {
        CaseEvent::CallMade { outcome } => {
            if *outcome == CallOutcome::Reached && next.first_call_reached_at.is_none() {
                next.first_call_reached_at = Some(at);
                consequences.push(Consequence::MeetOperatorCall);
            }
        }
        CaseEvent::AssignmentConfirmed { partner_id } => {
            if !known_partners.contains(&partner_id.as_str()) {
                return refuse("partner_id", ErrorCode::UnknownPartner);
            }
            if !CaseEvent::wants_advocate(summary, state) {
                return refuse("type", ErrorCode::NoAdvocateRequested);
            }
            if state.shared_with().is_some_and(|p| p != partner_id) {
                // Moving a shared case needs the reporter's consent to be withdrawn first.
                return refuse("partner_id", ErrorCode::ShareConsentInPlace);
            }
            next.assigned_partner = Some(partner_id.clone());
        }
        CaseEvent::ShareConsentGiven { partner_id, channel, privacy_notice_version } => {
            if next.assigned_partner.as_deref() != Some(partner_id.as_str()) {
                return refuse("partner_id", ErrorCode::PartnerNotAssigned);
            }
            if state.shared_with() != Some(partner_id.as_str()) {
                consequences.push(Consequence::HandOff { partner_id: partner_id.clone() });
            }
            next.share = Some(ShareConsent {
                partner_id: partner_id.clone(),
                decision: ShareDecision::Given,
                record: record(*channel, privacy_notice_version),
            });
        }
        CaseEvent::ShareConsentRefused { partner_id, channel } => {
            if next.assigned_partner.as_deref() != Some(partner_id.as_str()) {
                return refuse("partner_id", ErrorCode::PartnerNotAssigned);
            }
            if state.shared_with().is_some() {
                return refuse("type", ErrorCode::ShareConsentInPlace);
            }
            next.share = Some(ShareConsent {
                partner_id: partner_id.clone(),
                decision: ShareDecision::Refused,
                record: record(*channel, &summary.privacy_notice_version),
            });
        }
        CaseEvent::AdvocateContactMade => {
            if state.shared_with().is_none() {
                return refuse("type", ErrorCode::NotShared);
            }
            if next.advocate_contact_made_at.is_none() {
                next.advocate_contact_made_at = Some(at);
                consequences.push(Consequence::MeetAdvocateCall);
            }
        }
        CaseEvent::PoliceForceChosen { force } => {
            if !known_forces.contains(&force.as_str()) {
                return refuse("force", ErrorCode::InvalidChoice);
            }
            if !police_consent_now(summary, state).agreed() || state.police_consent_withdrawn.is_some() {
                return refuse("type", ErrorCode::NoPoliceConsent);
            }
            next.police_force = Some(force.clone());
            consequences.push(Consequence::ReferToPolice { force: force.clone() });
        }
        CaseEvent::ConsentWithdrawn { scope, channel, privacy_notice_version } => match scope {
            WithdrawalScope::Police => {
                if !police_consent_now(summary, state).agreed() {
                    return refuse("scope", ErrorCode::NoPoliceConsent);
                }
                next.police_consent_withdrawn = Some(record(*channel, privacy_notice_version));
                consequences.push(Consequence::NotifyPoliceWithdrawal);
            }
            WithdrawalScope::Partner => {
                let Some(partner_id) = state.shared_with() else {
                    return refuse("scope", ErrorCode::NotShared);
                };
                consequences.push(Consequence::NotifyWithdrawal { partner_id: partner_id.to_string() });
                consequences.push(Consequence::MeetAdvocateCall);
                next.share = Some(ShareConsent {
                    partner_id: partner_id.to_string(),
                    decision: ShareDecision::Withdrawn,
                    record: record(*channel, privacy_notice_version),
                });
            }
        },
        CaseEvent::PoliceReferralReleased => {
            if !police_consent_now(summary, state).agreed() || state.police_consent_withdrawn.is_some() {
                return refuse("type", ErrorCode::NoPoliceConsent);
            }
            if !police_release_pending(summary, state) {
                // Not from the public form, or released already.
                return refuse("type", ErrorCode::NothingToRelease);
            }
            next.police_referral_released_at = Some(at);
            next.police_referral_released_by = Some(actor.to_string());
            consequences.push(Consequence::ReleasePoliceReferral);
        }
        CaseEvent::PoliceDecisionRecorded { consent, channel, privacy_notice_version } => {
            if summary.police_consent != PoliceConsent::NotSure || state.police_decided.is_some() {
                // Only "not sure yet" waits for a decision, once.
                return refuse("type", ErrorCode::NoPoliceDecisionPending);
            }
            if state.erased_at.is_some() {
                return refuse("type", ErrorCode::CaseErased);
            }
            let reachable = (summary.phone_given || summary.email_given) && state.contact_erased_at.is_none();
            if *consent == PoliceConsent::WithContactDetails && !reachable {
                return refuse("consent", ErrorCode::RequiredForPoliceContact);
            }
            next.police_decided =
                Some(PoliceDecision { consent: *consent, record: record(*channel, privacy_notice_version) });
            if consent.agreed() {
                // A person heard the decision: the referral goes now, with no release to wait for.
                consequences.push(Consequence::RouteToPolice);
            }
        }
        CaseEvent::CaseClosed { .. } => {
            next.closed_at = Some(at);
            consequences.push(Consequence::Close);
        }
        CaseEvent::Note { .. } | CaseEvent::ReporterAddedInformation { .. } => {}
        CaseEvent::WithdrawnAsDuplicateOrSpam => {
            next.withdrawn_at = Some(at);
            if next.closed_at.is_none() {
                next.closed_at = Some(at);
                consequences.push(Consequence::Close);
            }
        }
        CaseEvent::ReporterAskedForAdvocate => {
            if !CaseEvent::wants_advocate(summary, state) {
                next.advocate_requested_at = Some(at);
                consequences.push(Consequence::AssignAdvocate);
            }
        }
        CaseEvent::ReporterPhoneConfirmed => {
            if state.phone_proposed_at.is_none() {
                return refuse("type", ErrorCode::NoPhoneProposed);
            }
            next.phone_proposed_at = None;
        }
    }
    Ok((next, consequences))
}
