//! What was done on a case and who looked at it: the recorded events and the audit trail.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::casework::{CaseEvent, StaffRole};
use crate::Reference;

/// A recorded case event: who recorded what, when. Notes live here too (erased with the case).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    pub at: Timestamp,
    pub by: String,
    pub role: StaffRole,
    pub event: CaseEvent,
    /// The partner organisation of the advocate who recorded it; `None` for the lead
    /// organisations' staff.
    #[serde(default)]
    pub partner_id: Option<String>,
}

/// One line of the append-only audit trail: every read of a case by a person, every export.
/// (Disclosures to police and partners are effects, shown alongside.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    pub reference: Reference,
    pub at: Timestamp,
    pub actor: String,
    pub role: StaffRole,
    /// `read`, `export`, `erase`, `event:<type>`.
    pub action: String,
}

impl EventRecord {
    /// The record as erasure leaves it, if it holds free text: what happened stays, the words go.
    pub fn erased(&self) -> Option<EventRecord> {
        self.event.has_free_text().then(|| EventRecord { event: self.event.redacted(), ..self.clone() })
    }
}
