//! What a partner organisation receives once the reporter consents to share with it.

use super::*;

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
