//! The operators' work queue: which open cases need what next, most urgent first. Pure: built
//! from the case lists and each case's deadlines, which casework reads.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;

use crate::calendar::{is_working_day, london, HolidayCalendar};
use crate::casework::{CaseListing, CaseStatus};
use crate::deadlines::{Deadline, DeadlineKind};

/// How long before its personal data expires a case is listed as due to close.
pub const CLOSING_NOTICE: SignedDuration = SignedDuration::from_hours(14 * 24);

/// What a case waits for, in the order the queue shows them (most urgent kinds first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueueSection {
    /// The reporter asked for an advocate: an operator calls them (2–3 working days).
    CallBack,
    /// A report from the public form asks for the police: an operator reads it and releases it.
    PoliceRelease,
    /// The reporter was reached: confirm the partner proposed (or another).
    ConfirmAdvocate,
    /// A partner is confirmed: the reporter's consent to share with it is awaited.
    ShareConsent,
    /// The partner's advocate has not called the reporter back within 7 days.
    AdvocateOverdue,
    /// The reporter added to their report with its receipt, or gave a phone to confirm.
    ReporterAdded,
    /// The case's personal data is due to be erased soon: close it, or act on it to keep it.
    DueToClose,
}

impl QueueSection {
    pub const ALL: [QueueSection; 7] = [
        QueueSection::CallBack,
        QueueSection::PoliceRelease,
        QueueSection::ConfirmAdvocate,
        QueueSection::ShareConsent,
        QueueSection::AdvocateOverdue,
        QueueSection::ReporterAdded,
        QueueSection::DueToClose,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QueueSection::CallBack => "call_back",
            QueueSection::PoliceRelease => "police_release",
            QueueSection::ConfirmAdvocate => "confirm_advocate",
            QueueSection::ShareConsent => "share_consent",
            QueueSection::AdvocateOverdue => "advocate_overdue",
            QueueSection::ReporterAdded => "reporter_added",
            QueueSection::DueToClose => "due_to_close",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            QueueSection::CallBack => "Reporters to call back",
            QueueSection::PoliceRelease => "Police referrals waiting for release",
            QueueSection::ConfirmAdvocate => "Advocate proposals to confirm",
            QueueSection::ShareConsent => "Consent to share awaited",
            QueueSection::AdvocateOverdue => "Advocates' 7-day call-backs overdue",
            QueueSection::ReporterAdded => "Reports added to by their reporters",
            QueueSection::DueToClose => "Cases due to close before retention",
        }
    }
}

/// The clock a row shows: what is due when, and how that reads today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    pub due_at: Timestamp,
    pub overdue: bool,
    /// "due today", "due tomorrow", "due in 3 working days", "overdue by 2 working days".
    pub wording: String,
}

/// A case in one section of the queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueRow {
    pub listing: CaseListing,
    pub clock: Option<Clock>,
}

/// The sections, in order, each with its rows (overdue first, then soonest due, then oldest).
/// A case appears in every section it waits in. Empty sections are kept, with no rows, so the
/// page can say "nothing waiting".
pub fn work_queue(cases: Vec<(CaseListing, Vec<Deadline>)>, now: Timestamp) -> Vec<(QueueSection, Vec<QueueRow>)> {
    let mut sections: Vec<(QueueSection, Vec<QueueRow>)> = QueueSection::ALL.iter().map(|s| (*s, vec![])).collect();
    for (listing, deadlines) in cases {
        if listing.status == CaseStatus::Closed {
            continue;
        }
        let open = |kind: DeadlineKind| deadlines.iter().find(|d| d.kind == kind && d.met_at.is_none());
        let clock_of = |d: Option<&Deadline>| d.map(|d| clock(d.due_at, now));
        let mut place = |section: QueueSection, clock: Option<Clock>| {
            let rows = &mut sections.iter_mut().find(|(s, _)| *s == section).expect("every section listed").1;
            rows.push(QueueRow { listing: listing.clone(), clock });
        };
        if listing.status == CaseStatus::AwaitingCall {
            let section = if listing.call_reached { QueueSection::ConfirmAdvocate } else { QueueSection::CallBack };
            place(section, clock_of(open(DeadlineKind::OperatorCall)));
        }
        if listing.police_undecided && listing.status != CaseStatus::AwaitingCall {
            // "Not sure yet" about the police, with a way to reach them: a call talks it through.
            place(QueueSection::CallBack, None);
        }
        if listing.police_release_pending {
            place(QueueSection::PoliceRelease, clock_of(open(DeadlineKind::PoliceRelease)));
        }
        if listing.status == CaseStatus::AwaitingShareConsent {
            place(QueueSection::ShareConsent, None);
        }
        if let Some(advocate) = open(DeadlineKind::AdvocateCall).filter(|d| d.due_at <= now) {
            place(QueueSection::AdvocateOverdue, Some(clock(advocate.due_at, now)));
        }
        if listing.reporter_added_at.is_some() || listing.phone_proposed {
            place(QueueSection::ReporterAdded, None);
        }
        if let Some(expires) = listing.personal_data_expires_at {
            if expires.duration_since(now) <= CLOSING_NOTICE {
                place(QueueSection::DueToClose, Some(clock(expires, now)));
            }
        }
    }
    for (_, rows) in &mut sections {
        rows.sort_by_key(|row| by_urgency(row.clock.as_ref().map(|c| c.due_at), row.listing.received_at));
    }
    sections
}

/// The order cases are worked in: soonest due first (overdue before all), then those with no
/// clock; within each, oldest first.
pub fn by_urgency(due_at: Option<Timestamp>, received_at: Timestamp) -> impl Ord {
    (due_at.is_none(), due_at, received_at)
}

/// The UK date of an instant.
fn uk_date(at: Timestamp) -> Date {
    at.to_zoned_datetime(london()).date()
}

/// Working days (the helpline's calendar) after `from` up to and including `to`.
fn working_days_between(from: Date, to: Date) -> i64 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        day = day.tomorrow().expect("dates stay in range");
        if is_working_day(HolidayCalendar::EnglandAndWales, day) {
            count += 1;
        }
    }
    count
}

/// How a due time reads on `now`'s day.
pub fn clock(due_at: Timestamp, now: Timestamp) -> Clock {
    let (today, due) = (uk_date(now), uk_date(due_at));
    let overdue = due_at <= now;
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    let wording = if overdue {
        match working_days_between(due, today) {
            0 if due == today => "overdue today".to_string(),
            0 => "overdue".to_string(),
            n => format!("overdue by {n} working day{}", plural(n)),
        }
    } else if due == today {
        "due today".to_string()
    } else if Some(due) == today.tomorrow().ok() {
        "due tomorrow".to_string()
    } else {
        match working_days_between(today, due) {
            0 => "due after the weekend".to_string(),
            n => format!("due in {n} working day{}", plural(n)),
        }
    };
    Clock { due_at, overdue, wording }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casework::CaseStatus;
    use crate::geography::Nation;
    use crate::reference::Reference;
    use crate::report::Channel;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn listing(status: CaseStatus) -> CaseListing {
        CaseListing {
            reference: Reference::from_entropy(42),
            received_at: at("2026-03-02T10:00:00Z"),
            status,
            routes: vec![],
            nation: Nation::England,
            assigned_partner: None,
            next_due_at: None,
            police_release_pending: false,
            channel: Channel::Online,
            incident_types: vec![],
            call_reached: false,
            reporter_added_at: None,
            phone_proposed: false,
            personal_data_expires_at: None,
            shared_at: None,
            police_undecided: false,
        }
    }

    fn deadline(kind: DeadlineKind, due: &str) -> Deadline {
        let times = crate::deadlines::DeadlineTimes { remind_at: at(due), due_at: at(due), calendar_covered: true };
        Deadline::new(&Reference::from_entropy(42), kind, &times, at("2026-03-02T10:00:00Z"), None)
    }

    #[test]
    fn clocks_read_in_working_days() {
        // Monday 2 March 2026, noon.
        let now = at("2026-03-02T12:00:00Z");
        assert_eq!(clock(at("2026-03-02T17:00:00Z"), now).wording, "due today");
        assert_eq!(clock(at("2026-03-03T17:00:00Z"), now).wording, "due tomorrow");
        assert_eq!(clock(at("2026-03-05T17:00:00Z"), now).wording, "due in 3 working days");
        // Due Thursday, today the next Monday: Friday and Monday are working days.
        let monday = at("2026-03-09T12:00:00Z");
        let c = clock(at("2026-03-05T17:00:00Z"), monday);
        assert!(c.overdue);
        assert_eq!(c.wording, "overdue by 2 working days");
        assert_eq!(clock(at("2026-03-09T09:00:00Z"), monday).wording, "overdue today");
    }

    #[test]
    fn a_case_waits_in_each_section_that_applies_overdue_first() {
        let now = at("2026-03-09T12:00:00Z");
        let mut late = listing(CaseStatus::AwaitingCall);
        late.police_release_pending = true;
        let late_deadlines = vec![
            deadline(DeadlineKind::OperatorCall, "2026-03-05T17:00:00Z"),
            deadline(DeadlineKind::PoliceRelease, "2026-03-03T17:00:00Z"),
        ];
        let mut soon = listing(CaseStatus::AwaitingCall);
        soon.received_at = at("2026-03-01T10:00:00Z");
        let soon_deadlines = vec![deadline(DeadlineKind::OperatorCall, "2026-03-11T17:00:00Z")];
        let mut reached = listing(CaseStatus::AwaitingCall);
        reached.call_reached = true;
        let closed = listing(CaseStatus::Closed);
        let queue = work_queue(
            vec![(soon.clone(), soon_deadlines), (late.clone(), late_deadlines), (reached, vec![]), (closed, vec![])],
            now,
        );
        let rows = |section: QueueSection| queue.iter().find(|(s, _)| *s == section).unwrap().1.clone();
        let call_back = rows(QueueSection::CallBack);
        assert_eq!(call_back.len(), 2);
        assert!(call_back[0].clock.as_ref().unwrap().overdue, "overdue first");
        assert_eq!(call_back[1].listing.received_at, soon.received_at);
        assert_eq!(rows(QueueSection::PoliceRelease).len(), 1);
        assert_eq!(rows(QueueSection::ConfirmAdvocate).len(), 1);
        assert!(rows(QueueSection::ShareConsent).is_empty());
        assert_eq!(queue.iter().map(|(s, _)| *s).collect::<Vec<_>>(), QueueSection::ALL.to_vec());
    }

    #[test]
    fn overdue_advocates_additions_and_expiries_are_listed() {
        let now = at("2026-03-20T12:00:00Z");
        let mut shared = listing(CaseStatus::AwaitingAdvocateContact);
        shared.reporter_added_at = Some(at("2026-03-19T12:00:00Z"));
        shared.personal_data_expires_at = Some(at("2026-03-30T12:00:00Z"));
        let mut later = listing(CaseStatus::Open);
        later.personal_data_expires_at = Some(at("2026-09-30T12:00:00Z"));
        let queue = work_queue(
            vec![(shared, vec![deadline(DeadlineKind::AdvocateCall, "2026-03-16T17:00:00Z")]), (later, vec![])],
            now,
        );
        let count = |section: QueueSection| queue.iter().find(|(s, _)| *s == section).unwrap().1.len();
        assert_eq!(count(QueueSection::AdvocateOverdue), 1);
        assert_eq!(count(QueueSection::ReporterAdded), 1);
        assert_eq!(count(QueueSection::DueToClose), 1, "only the case expiring within 14 days");
    }
}
