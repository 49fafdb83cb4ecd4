//! Deadlines on a case and the alerts each goes through.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::calendar::DeadlineTimes;
use crate::Reference;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// An operator phones the reporter about the proposed advocate (2–3 working days).
    OperatorCall,
    /// The partner's advocate calls the reporter back (7 days after the handoff).
    AdvocateCall,
    /// An operator reviews a police referral from the public form and releases it.
    PoliceRelease,
}

impl DeadlineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::OperatorCall => "operator_call",
            DeadlineKind::AdvocateCall => "advocate_call",
            DeadlineKind::PoliceRelease => "police_release",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            DeadlineKind::OperatorCall => "an operator phones the reporter about their advocate",
            DeadlineKind::AdvocateCall => "the partner's advocate calls the reporter back",
            DeadlineKind::PoliceRelease => {
                "an operator reviews and releases the police referral of a report from the public form"
            }
        }
    }
}

/// The alerts a deadline goes through, each sent once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// Before the deadline, to the operators.
    Reminder,
    /// At the deadline, to the operators.
    Overdue,
    /// The next working day, to the leads.
    Escalation,
}

/// A deadline on a case, found by the reminder job through an index on `next_alert_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub reference: Reference,
    pub kind: DeadlineKind,
    pub remind_at: Timestamp,
    pub due_at: Timestamp,
    /// When the reminder job next has something to send for it; `None` once every level
    /// was sent or the deadline was met.
    pub next_alert_at: Option<Timestamp>,
    pub created_at: Timestamp,
    /// False when the bank-holiday calendar did not cover the dates.
    pub calendar_covered: bool,
    /// The alert levels already sent.
    #[serde(default)]
    pub sent: Vec<AlertLevel>,
    /// Set when what the deadline waited for happened (or the case closed).
    #[serde(default)]
    pub met_at: Option<Timestamp>,
    /// For an advocate's call-back: the partner it is on. Each partner a case is handed to gets
    /// its own clock, so a case moved to another partner is chased again.
    #[serde(default)]
    pub partner_id: Option<String>,
}

impl Deadline {
    /// A new, unmet deadline at `times`, first alerted at its reminder time.
    pub fn new(
        reference: &Reference,
        kind: DeadlineKind,
        times: &DeadlineTimes,
        created_at: Timestamp,
        partner_id: Option<&str>,
    ) -> Deadline {
        Deadline {
            reference: reference.clone(),
            kind,
            remind_at: times.remind_at,
            due_at: times.due_at,
            next_alert_at: Some(times.remind_at),
            created_at,
            calendar_covered: times.calendar_covered,
            sent: Vec::new(),
            met_at: None,
            partner_id: partner_id.map(str::to_string),
        }
    }

    /// The deadline once what it waited for happened (or the case closed): no more alerts.
    pub fn met(self, at: Timestamp) -> Deadline {
        Deadline { met_at: Some(at), next_alert_at: None, ..self }
    }

    /// The deadline's place among the case's deadlines: one per kind, and per partner.
    pub fn slot(&self) -> String {
        match &self.partner_id {
            Some(partner) => format!("{}:{partner}", self.kind.as_str()),
            None => self.kind.as_str().to_string(),
        }
    }

    pub fn times(&self) -> DeadlineTimes {
        DeadlineTimes { remind_at: self.remind_at, due_at: self.due_at, calendar_covered: self.calendar_covered }
    }
}
