//! How long personal data is kept, and what erasure leaves of a case's state.

use super::*;

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
