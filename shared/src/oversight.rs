//! What the leads who answer for the service oversee: escalations (overdue clocks past their
//! escalation time, as the reminder job escalates them) and caseload (open cases per partner
//! organisation by the state of their clocks, and per state of the flow). Pure: built from the
//! open cases' listings and deadlines, which casework reads.

use jiff::Timestamp;
use serde::Serialize;

use crate::casework::{CaseListing, CaseStatus};
use crate::deadlines::{escalation_time, Deadline, DeadlineKind};
use crate::work_queue::{clock, Clock};
use crate::Reference;

/// An overdue deadline that has been escalated to the leads (or is due to be at `escalated_at`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    pub reference: Reference,
    pub kind: DeadlineKind,
    /// The partner organisation whose clock it is (an advocate's call-back).
    pub partner_id: Option<String>,
    pub escalated_at: Timestamp,
    pub clock: Clock,
}

/// Every open deadline of an open case whose escalation time has passed, longest overdue first.
pub fn escalations(cases: &[(CaseListing, Vec<Deadline>)], now: Timestamp) -> Vec<Escalation> {
    let mut escalations: Vec<Escalation> = cases
        .iter()
        .filter(|(listing, _)| listing.status != CaseStatus::Closed)
        .flat_map(|(listing, deadlines)| {
            deadlines.iter().filter(|d| d.met_at.is_none() && escalation_time(d.due_at) <= now).map(|d| Escalation {
                reference: listing.reference.clone(),
                kind: d.kind,
                partner_id: d.partner_id.clone(),
                escalated_at: escalation_time(d.due_at),
                clock: clock(d.due_at, now),
            })
        })
        .collect();
    escalations.sort_by(|a, b| a.clock.due_at.cmp(&b.clock.due_at).then_with(|| a.reference.cmp(&b.reference)));
    escalations
}

/// Where a case's clocks stand: its most urgent open deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Nothing is timed on it (no open deadline).
    NoClock,
    /// A deadline is running, not yet due.
    Running,
    /// A deadline has passed, not yet escalated.
    Overdue,
    /// A deadline has passed its escalation time.
    Escalated,
}

impl ClockState {
    pub const ALL: [ClockState; 4] =
        [ClockState::NoClock, ClockState::Running, ClockState::Overdue, ClockState::Escalated];

    pub fn heading(self) -> &'static str {
        match self {
            ClockState::NoClock => "No clock",
            ClockState::Running => "Clock running",
            ClockState::Overdue => "Overdue",
            ClockState::Escalated => "Escalated",
        }
    }

    /// The state of a case's open deadlines at `now`.
    pub fn of(deadlines: &[Deadline], now: Timestamp) -> ClockState {
        deadlines
            .iter()
            .filter(|d| d.met_at.is_none())
            .map(|d| match d {
                d if escalation_time(d.due_at) <= now => ClockState::Escalated,
                d if d.due_at <= now => ClockState::Overdue,
                _ => ClockState::Running,
            })
            .max()
            .unwrap_or(ClockState::NoClock)
    }
}

/// Open cases of one partner organisation (or of none yet), by clock state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerLoad {
    /// `None`: cases with no organisation confirmed yet.
    pub partner_id: Option<String>,
    /// Counts in the order of [`ClockState::ALL`].
    pub by_clock: [usize; 4],
    pub total: usize,
}

/// Open cases per partner and per state of the flow, so a lead sees where reporters wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caseload {
    /// Every partner given, in its order, then the cases with none (even when empty).
    pub by_partner: Vec<PartnerLoad>,
    /// Every status but closed, in the flow's order, with its count.
    pub by_status: Vec<(CaseStatus, usize)>,
    pub open: usize,
}

/// The caseload of the open cases. A case counts against the partner confirmed for it (an
/// unknown partner id gets its own line, after those given).
pub fn caseload(cases: &[(CaseListing, Vec<Deadline>)], partners: &[&str], now: Timestamp) -> Caseload {
    let mut by_partner: Vec<PartnerLoad> = partners
        .iter()
        .map(|p| Some(p.to_string()))
        .chain(std::iter::once(None))
        .map(|partner_id| PartnerLoad { partner_id, by_clock: [0; 4], total: 0 })
        .collect();
    let mut by_status: Vec<(CaseStatus, usize)> =
        CaseStatus::ALL.iter().filter(|s| **s != CaseStatus::Closed).map(|s| (*s, 0)).collect();
    let mut open = 0;
    for (listing, deadlines) in cases.iter().filter(|(l, _)| l.status != CaseStatus::Closed) {
        open += 1;
        if let Some((_, count)) = by_status.iter_mut().find(|(s, _)| *s == listing.status) {
            *count += 1;
        }
        let line = match by_partner.iter().position(|l| l.partner_id == listing.assigned_partner) {
            Some(index) => index,
            None => {
                let line = PartnerLoad { partner_id: listing.assigned_partner.clone(), by_clock: [0; 4], total: 0 };
                by_partner.insert(by_partner.len() - 1, line);
                by_partner.len() - 2
            }
        };
        let state = ClockState::of(deadlines, now);
        let column = ClockState::ALL.iter().position(|s| *s == state).expect("every state is listed");
        by_partner[line].by_clock[column] += 1;
        by_partner[line].total += 1;
    }
    Caseload { by_partner, by_status, open }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::DeadlineTimes;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn listing(reference: u64, status: CaseStatus, partner: Option<&str>) -> CaseListing {
        CaseListing {
            reference: Reference::from_entropy(reference),
            received_at: at("2026-11-02T10:00:00Z"),
            status,
            routes: vec![],
            nation: crate::geography::Nation::England,
            assigned_partner: partner.map(str::to_string),
            next_due_at: None,
            police_release_pending: false,
            channel: Default::default(),
            incident_types: vec![],
            call_reached: false,
            reporter_added_at: None,
            phone_proposed: false,
            personal_data_expires_at: None,
            shared_at: None,
            police_undecided: false,
        }
    }

    fn deadline(reference: u64, kind: DeadlineKind, due: &str) -> Deadline {
        let times = DeadlineTimes { remind_at: at(due), due_at: at(due), calendar_covered: true };
        Deadline::new(&Reference::from_entropy(reference), kind, &times, at("2026-11-02T10:00:00Z"), None)
    }

    const A: u64 = 1;
    const B: u64 = 2;
    const C: u64 = 3;

    #[test]
    fn a_deadline_is_escalated_from_the_next_working_morning_and_not_before() {
        // Due Friday 27 Nov 2026 17:00 UK: escalated Monday 30 Nov 09:00.
        let cases = vec![(
            listing(A, CaseStatus::AwaitingCall, None),
            vec![deadline(A, DeadlineKind::OperatorCall, "2026-11-27T17:00:00Z")],
        )];
        assert!(escalations(&cases, at("2026-11-30T08:59:00Z")).is_empty(), "overdue, not yet escalated");
        let now = at("2026-11-30T09:00:00Z");
        let escalated = escalations(&cases, now);
        assert_eq!(escalated.len(), 1);
        assert_eq!(escalated[0].escalated_at, now);
        assert!(escalated[0].clock.overdue);
        assert_eq!(ClockState::of(&cases[0].1, at("2026-11-28T10:00:00Z")), ClockState::Overdue);
        assert_eq!(ClockState::of(&cases[0].1, now), ClockState::Escalated);
    }

    #[test]
    fn met_deadlines_and_closed_cases_are_not_escalated() {
        let mut met = deadline(A, DeadlineKind::OperatorCall, "2026-11-02T17:00:00Z");
        met.met_at = Some(at("2026-11-03T10:00:00Z"));
        let cases = vec![
            (listing(A, CaseStatus::Open, None), vec![met]),
            (
                listing(B, CaseStatus::Closed, None),
                vec![deadline(B, DeadlineKind::PoliceRelease, "2026-11-02T17:00:00Z")],
            ),
        ];
        assert!(escalations(&cases, at("2026-12-01T10:00:00Z")).is_empty());
    }

    #[test]
    fn caseload_counts_each_open_case_once_by_partner_clock_and_status() {
        let now = at("2026-12-01T10:00:00Z");
        let cases = vec![
            (
                listing(A, CaseStatus::AwaitingAdvocateContact, Some("p1")),
                vec![deadline(A, DeadlineKind::AdvocateCall, "2026-11-20T10:00:00Z")],
            ),
            (
                listing(B, CaseStatus::AwaitingCall, None),
                vec![deadline(B, DeadlineKind::OperatorCall, "2026-12-03T10:00:00Z")],
            ),
            (listing(C, CaseStatus::WithAdvocate, Some("elsewhere")), vec![]),
            (listing(4, CaseStatus::Closed, Some("p1")), vec![]),
        ];
        let load = caseload(&cases, &["p1", "p2"], now);
        assert_eq!(load.open, 3);
        let line = |id: Option<&str>| load.by_partner.iter().find(|l| l.partner_id.as_deref() == id).unwrap();
        assert_eq!(line(Some("p1")).by_clock, [0, 0, 0, 1], "escalated, and the closed case not counted");
        assert_eq!(line(Some("p2")).total, 0, "a partner with nothing is still listed");
        assert_eq!(line(None).by_clock, [0, 1, 0, 0]);
        assert_eq!(line(Some("elsewhere")).by_clock, [1, 0, 0, 0]);
        assert_eq!(load.by_partner.last().unwrap().partner_id, None, "no organisation yet comes last");
        let status = |s| load.by_status.iter().find(|(x, _)| *x == s).unwrap().1;
        assert_eq!(
            (status(CaseStatus::AwaitingCall), status(CaseStatus::AwaitingAdvocateContact), status(CaseStatus::Open)),
            (1, 1, 0)
        );
        assert!(load.by_status.iter().all(|(s, _)| *s != CaseStatus::Closed));
    }
}
