//! Deadlines on a case, the rules that set them and the alerts each goes through. Every rule
//! is reckoned in Europe/London (docs/domain-rules.md): working days end at 17:00 UK time,
//! calendar days keep the UK wall-clock time across the clock changes.

use jiff::{Timestamp, ToSpan};
use serde::{Deserialize, Serialize};

use crate::calendar::{
    add_working_days, counting_day, covers, end_of_working_day, london, next_working_day, HolidayCalendar,
    HELPLINE_OPENS,
};
use crate::Reference;

/// A deadline with the time its reminder is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineTimes {
    pub remind_at: Timestamp,
    pub due_at: Timestamp,
    /// False when the dates fall outside the shipped bank-holiday calendar.
    pub calendar_covered: bool,
}

/// "An operator phones the reporter within 2–3 working days" (the service's promise): due at the end of the
/// 3rd working day after the report, reminder at the end of the 2nd (England and Wales).
pub fn operator_call_deadline(received_at: Timestamp) -> DeadlineTimes {
    working_day_deadline(received_at, 2, 3)
}

/// Reminder at the end of the `remind`th and deadline at the end of the `due`th England-and-Wales
/// working day after `received_at`.
fn working_day_deadline(received_at: Timestamp, remind: u32, due: u32) -> DeadlineTimes {
    let calendar = HolidayCalendar::EnglandAndWales;
    let day0 = counting_day(calendar, received_at);
    let remind_day = add_working_days(calendar, day0, remind);
    let due_day = add_working_days(calendar, day0, due);
    DeadlineTimes {
        remind_at: end_of_working_day(remind_day),
        due_at: end_of_working_day(due_day),
        calendar_covered: covers(day0) && covers(due_day),
    }
}

/// A police referral prepared from the public form waits for an operator to release it: they
/// are reminded at the end of the 1st working day after the report, and it is overdue at the
/// end of the 2nd.
pub fn police_release_deadline(received_at: Timestamp) -> DeadlineTimes {
    working_day_deadline(received_at, 1, 2)
}

/// The advocate's call-back deadline: 7 calendar days after the handoff, reminder on day 5, each
/// at the same UK wall-clock time as the handoff (not 7 × 24 hours, which is an hour off across
/// a clock change). A time the spring change skips (01:00–01:59) reads as the hour after it, a
/// time the autumn change repeats as its first occurrence (BST).
pub fn advocate_call_deadline(shared_at: Timestamp) -> DeadlineTimes {
    let shared = shared_at.to_zoned_datetime(london());
    let day = |days: i64| shared.checked_add(days.days()).expect("dates the service handles stay in range").timestamp();
    DeadlineTimes { remind_at: day(5), due_at: day(7), calendar_covered: true }
}

/// When an overdue deadline is escalated to the leads: as the helpline opens on the next
/// working day after the day it fell due, so they see it at the start of their day.
pub fn escalation_time(due_at: Timestamp) -> Timestamp {
    let due_date = due_at.to_zoned_datetime(london()).date();
    let day = next_working_day(HolidayCalendar::EnglandAndWales, due_date);
    day.to_datetime(HELPLINE_OPENS).to_zoned_datetime(london()).expect("09:00 exists on every UK date").timestamp()
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::uk_time;
    use proptest::prelude::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn due(received: &str) -> (String, String) {
        let d = operator_call_deadline(at(received));
        assert!(d.calendar_covered);
        (uk_time(d.remind_at), uk_time(d.due_at))
    }

    #[test]
    fn a_weekday_report_in_hours_counts_from_that_day() {
        // Tuesday 24 Nov 2026, 10:00 → reminder Thu 26 at 17:00, due Fri 27 at 17:00.
        assert_eq!(
            due("2026-11-24T10:00:00Z"),
            ("Thu 26 Nov 2026 17:00 GMT".into(), "Fri 27 Nov 2026 17:00 GMT".into())
        );
        // Before the helpline opens still counts from that day.
        assert_eq!(due("2026-11-24T06:30:00Z").1, "Fri 27 Nov 2026 17:00 GMT");
    }

    #[test]
    fn a_friday_evening_or_weekend_report_counts_from_monday() {
        // Friday 27 Nov 2026, 18:30 → counts from Mon 30 → due Thu 3 Dec.
        assert_eq!(due("2026-11-27T18:30:00Z"), ("Wed 2 Dec 2026 17:00 GMT".into(), "Thu 3 Dec 2026 17:00 GMT".into()));
        assert_eq!(due("2026-11-28T12:00:00Z").1, "Thu 3 Dec 2026 17:00 GMT");
        assert_eq!(due("2026-11-29T23:59:00Z").1, "Thu 3 Dec 2026 17:00 GMT");
        // Friday 16:59 is still Friday: due Wed 2 Dec.
        assert_eq!(due("2026-11-27T16:59:00Z").1, "Wed 2 Dec 2026 17:00 GMT");
    }

    #[test]
    fn bank_holidays_are_skipped() {
        // Wed 23 Dec 2026: Thu 24 (1), [Fri 25, Mon 28 bank holidays, weekend], Tue 29 (2), Wed 30 (3).
        assert_eq!(
            due("2026-12-23T11:00:00Z"),
            ("Tue 29 Dec 2026 17:00 GMT".into(), "Wed 30 Dec 2026 17:00 GMT".into())
        );
        // Before Easter 2026 (Good Friday 3 Apr, Easter Monday 6 Apr): Thu 2 Apr → Tue 7 (1), Wed 8, Thu 9.
        assert_eq!(due("2026-04-02T10:00:00Z"), ("Wed 8 Apr 2026 17:00 BST".into(), "Thu 9 Apr 2026 17:00 BST".into()));
        // A report on a bank holiday counts from the next working day (Tue 29), across New Year.
        assert_eq!(due("2026-12-28T10:00:00Z").1, "Mon 4 Jan 2027 17:00 GMT");
        // Scotland's St Andrew's Day (Mon 30 Nov) is a working day for the England and Wales clock.
        assert_eq!(due("2026-11-30T10:00:00Z").1, "Thu 3 Dec 2026 17:00 GMT");
    }

    #[test]
    fn a_working_day_deadline_follows_the_clock_change() {
        // A report late on Thursday 22 Oct (BST) is due across the change.
        let d = operator_call_deadline(at("2026-10-22T14:00:00Z"));
        assert_eq!(d.due_at, at("2026-10-27T17:00:00Z"));
        assert_eq!(uk_time(d.remind_at), "Mon 26 Oct 2026 17:00 GMT");
    }

    #[test]
    fn beyond_the_calendar_the_deadline_says_so() {
        assert!(!operator_call_deadline(at("2029-06-01T10:00:00Z")).calendar_covered);
    }

    #[test]
    fn escalation_is_at_the_start_of_the_next_working_day() {
        // Due Friday 27 Nov 17:00 → escalate Monday 30 Nov 09:00.
        assert_eq!(escalation_time("2026-11-27T17:00:00Z".parse().unwrap()), "2026-11-30T09:00:00Z".parse().unwrap());
        // Due Thu 24 Dec → past Christmas and Boxing Day (Mon 28) → Tue 29 Dec 09:00.
        assert_eq!(escalation_time("2026-12-24T17:00:00Z".parse().unwrap()), "2026-12-29T09:00:00Z".parse().unwrap());
        // An advocate deadline falling on a Saturday in summer → Monday 09:00 BST.
        assert_eq!(escalation_time("2026-07-04T10:00:00Z".parse().unwrap()), "2026-07-06T08:00:00Z".parse().unwrap());
    }

    #[test]
    fn the_advocate_deadline_is_seven_calendar_days_with_a_reminder_on_day_five() {
        let d = advocate_call_deadline(at("2026-12-23T11:00:00Z"));
        assert_eq!(d.remind_at, at("2026-12-28T11:00:00Z"));
        assert_eq!(d.due_at, at("2026-12-30T11:00:00Z"));
        // Shared on Thursday 22 Oct 2026 at 15:00 BST: due Thursday 29 Oct at 15:00 GMT, which is
        // 169 hours later (7 × 24 hours would say 14:00).
        let d = advocate_call_deadline(at("2026-10-22T14:00:00Z"));
        assert_eq!(uk_time(d.remind_at), "Tue 27 Oct 2026 15:00 GMT");
        assert_eq!(uk_time(d.due_at), "Thu 29 Oct 2026 15:00 GMT");
        // Shared at 01:30 GMT on Sunday 22 Mar 2026: 01:30 on 29 Mar does not exist (the clocks
        // go from 01:00 to 02:00), so it is due at 02:30 BST, the hour after.
        assert_eq!(uk_time(advocate_call_deadline(at("2026-03-22T01:30:00Z")).due_at), "Sun 29 Mar 2026 02:30 BST");
        // Shared at 01:30 BST on Sunday 18 Oct 2026: 01:30 happens twice on 25 Oct; the first.
        assert_eq!(advocate_call_deadline(at("2026-10-18T00:30:00Z")).due_at, at("2026-10-25T00:30:00Z"));
    }

    /// The clock changes of 2026, 2027 and 2028 (01:00 UTC on the last Sunday of March and
    /// of October).
    const CLOCK_CHANGES: [&str; 6] = [
        "2026-03-29T01:00:00Z",
        "2026-10-25T01:00:00Z",
        "2027-03-28T01:00:00Z",
        "2027-10-31T01:00:00Z",
        "2028-03-26T01:00:00Z",
        "2028-10-29T01:00:00Z",
    ];

    proptest! {
        /// Shared at any second of the 9 days before to 1 day after a clock change (so its 5 and
        /// 7 days cross it, or just miss it): the reminder and the deadline fall 5 and 7 UK
        /// calendar days later, at the same UK wall-clock time; only where the spring change
        /// skips that time is it the hour after.
        #[test]
        fn the_advocate_deadline_keeps_the_uk_wall_clock_across_clock_changes(
            change in proptest::sample::select(CLOCK_CHANGES.to_vec()),
            offset in -9 * 86_400i64..86_400,
        ) {
            let shared_at = at(change).checked_add(jiff::SignedDuration::from_secs(offset)).unwrap();
            let shared = shared_at.to_zoned_datetime(london());
            let d = advocate_call_deadline(shared_at);
            for (days, when) in [(5, d.remind_at), (7, d.due_at)] {
                let local = when.to_zoned_datetime(london());
                prop_assert_eq!(local.date(), shared.date().checked_add(days.days()).unwrap(), "{} + {} days", shared, days);
                let skipped = local.time() != shared.time();
                if skipped {
                    // Only a time the spring change skips moves, and by exactly the hour.
                    prop_assert_eq!(local.time(), shared.time().checked_add(1.hour()).unwrap(), "{} + {} days", shared, days);
                    prop_assert_eq!(local.time().hour(), 2);
                    prop_assert_eq!(local.date().month(), 3);
                }
            }
        }
    }
}
