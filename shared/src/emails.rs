//! Every email the service sends, in one place. The words are templates in
//! `shared/templates/email/` (askama, checked when the crate compiles): the first line is the
//! subject, a line `---` separates the body. The functions here only prepare what the templates
//! show; what an email may hold (never personal data to operators) is decided by their inputs.

use askama::Template;
use jiff::Timestamp;

use crate::advocate::{Proposal, RankedPartner};
use crate::calendar::uk_time;
use crate::case_record::CaseSummary;
use crate::casework::HandoffDetails;
use crate::deadlines::DeadlineTimes;
use crate::deadlines::{AlertLevel, Deadline};
use crate::geography;
use crate::police::{ForceQuestion, PoliceReferral};
use crate::report::PoliceConsent;
use crate::Reference;

/// An email's words: what the mailer sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailText {
    pub subject: String,
    pub body: String,
}

impl EmailText {
    fn render(template: &impl Template) -> EmailText {
        let rendered = template.render().expect("email templates render: their inputs are plain values");
        let (subject, body) = rendered.split_once("\n---\n").expect("an email template has a subject line and ---");
        let mut body = body.to_string();
        if !body.ends_with('\n') {
            body.push('\n');
        }
        EmailText { subject: subject.trim().to_string(), body }
    }
}

fn or_not_given(value: Option<&str>) -> String {
    value.unwrap_or("not given").to_string()
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not said",
    }
}

fn list_or(items: Vec<&str>, empty: &str) -> String {
    if items.is_empty() {
        empty.to_string()
    } else {
        items.join(", ")
    }
}

#[derive(Template)]
#[template(path = "email/operator_alert.txt")]
struct OperatorAlert {
    urgent: bool,
    reference: String,
    report_id: String,
    received: String,
    channel: String,
    language: String,
    nation: String,
    routes: String,
    types: String,
    motivations: String,
    place: String,
    injured: &'static str,
    ongoing: &'static str,
    police: String,
    advocate: &'static str,
    needs: String,
    interpreter: &'static str,
}

/// The operators' alert for a new report, in English (their working language), from the
/// summary only.
pub fn operator_alert(summary: &CaseSummary) -> EmailText {
    EmailText::render(&OperatorAlert {
        urgent: summary.ongoing == Some(true) || summary.injured == Some(true),
        reference: summary.reference.to_string(),
        report_id: summary.report_id.to_string(),
        received: format!("{} (UK time)", uk_time(summary.received_at)),
        channel: summary.channel.to_string(),
        language: summary.language.to_string(),
        nation: summary.nation.to_string(),
        routes: list_or(summary.routes.iter().map(|r| r.as_str()).collect(), "none"),
        types: list_or(summary.incident_types.iter().map(|t| t.as_str()).collect(), "none"),
        motivations: list_or(summary.motivations.iter().map(|m| m.as_str()).collect(), "none"),
        place: summary.place_type.map_or("not said", |p| p.as_str()).to_string(),
        injured: yes_no(summary.injured),
        ongoing: yes_no(summary.ongoing),
        police: summary.police_consent.to_string(),
        advocate: if summary.advocate_support { "yes" } else { "no" },
        needs: list_or(summary.support_needs.iter().map(|n| n.as_str()).collect(), "none"),
        interpreter: yes_no(summary.interpreter_needed),
    })
}

#[derive(Template)]
#[template(path = "email/follow_up_alert.txt")]
struct FollowUpAlert {
    reference: String,
    at: String,
    added_information: bool,
    asked_for_advocate: bool,
    phone_proposed: bool,
}

/// The operators' alert when a reporter adds to their report with its receipt: what kind of
/// thing was added, never the words or the phone number.
pub fn follow_up_alert(
    reference: &Reference,
    at: Timestamp,
    added_information: bool,
    asked_for_advocate: bool,
    phone_proposed: bool,
) -> EmailText {
    EmailText::render(&FollowUpAlert {
        reference: reference.to_string(),
        at: format!("{} (UK time)", uk_time(at)),
        added_information,
        asked_for_advocate,
        phone_proposed,
    })
}

#[derive(Template)]
#[template(path = "email/handoff.txt")]
struct Handoff<'a> {
    partner_name: &'a str,
    reference: String,
    due: String,
    name: String,
    phone: String,
    email: String,
    method: String,
    voicemail: &'static str,
    safe_times: String,
    language: &'a str,
    interpreter_needed: bool,
    needs: String,
    types: String,
    description: Option<&'a str>,
}

/// What a partner organisation receives once the reporter consented to share with it: the
/// contact details and what happened, so its advocate can call back.
pub fn handoff(details: &HandoffDetails, partner_name: &str, deadline: &DeadlineTimes) -> EmailText {
    let contact = details.contact.as_ref();
    EmailText::render(&Handoff {
        partner_name,
        reference: details.reference.to_string(),
        due: uk_time(deadline.due_at),
        name: or_not_given(contact.and_then(|c| c.name.as_deref())),
        phone: or_not_given(contact.and_then(|c| c.phone.as_ref()).map(|p| p.as_str())),
        email: or_not_given(contact.and_then(|c| c.email.as_ref()).map(|e| e.as_str())),
        method: or_not_given(contact.and_then(|c| c.preferred_method).map(|m| m.as_str())),
        voicemail: yes_no(contact.and_then(|c| c.safe_to_leave_voicemail)),
        safe_times: or_not_given(contact.and_then(|c| c.safe_times.as_deref())),
        language: &details.language,
        interpreter_needed: details.interpreter_needed,
        needs: details.support_needs.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", "),
        types: details.incident_types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "),
        description: details.description.as_deref(),
    })
}

/// A notice by reference only, to a named recipient.
#[derive(Template)]
#[template(path = "email/erasure_notice.txt")]
struct ErasureNotice<'a> {
    reference: &'a Reference,
    recipient: &'a str,
}

/// What each organisation that received a case's details is told when the reporter's personal
/// data is erased at their request (UK GDPR art. 19): the reference only.
pub fn erasure_notice(reference: &Reference, recipient_name: &str) -> EmailText {
    EmailText::render(&ErasureNotice { reference, recipient: recipient_name })
}

#[derive(Template)]
#[template(path = "email/police_withdrawal.txt")]
struct PoliceWithdrawal<'a> {
    reference: &'a Reference,
    recipient: &'a str,
}

/// What a force is told when the reporter withdraws consent to the referral sent to it.
pub fn police_withdrawal_notice(reference: &Reference, force_name: &str) -> EmailText {
    EmailText::render(&PoliceWithdrawal { reference, recipient: force_name })
}

#[derive(Template)]
#[template(path = "email/partner_withdrawal.txt")]
struct PartnerWithdrawal<'a> {
    reference: &'a Reference,
    recipient: &'a str,
}

/// What the partner is told when consent to share with it is withdrawn: the reference only.
pub fn partner_withdrawal_notice(reference: &Reference, partner_name: &str) -> EmailText {
    EmailText::render(&PartnerWithdrawal { reference, recipient: partner_name })
}

#[derive(Template)]
#[template(path = "email/police_release_needed.txt")]
struct PoliceReleaseNeeded<'a> {
    reference: &'a Reference,
    consent: &'static str,
    force_name: &'a str,
    remind: String,
}

/// The operators' notice that a referral from the public form waits for their release:
/// reference, force and consent only.
pub fn police_release_needed(summary: &CaseSummary, force: &str, remind_at: jiff::Timestamp) -> EmailText {
    EmailText::render(&PoliceReleaseNeeded {
        reference: &summary.reference,
        consent: summary.police_consent.as_str(),
        force_name: geography::force_name(force),
        remind: uk_time(remind_at),
    })
}

/// The reporter's contact details as the police receive them, when consent covers them.
struct ReporterLines {
    name: String,
    phone: String,
    email: String,
    voicemail: &'static str,
    safe_times: String,
}

#[derive(Template)]
#[template(path = "email/police_referral.txt")]
struct PoliceReferralEmail<'a> {
    with_contact: bool,
    force_name: &'a str,
    reference: String,
    date: String,
    time: String,
    place: &'static str,
    postcode: String,
    town: String,
    online: bool,
    types: String,
    motivations: String,
    injured: &'static str,
    ongoing: &'static str,
    count: &'static str,
    relationship: &'static str,
    already: &'static str,
    police_reference: String,
    description: &'a str,
    perpetrator: String,
    reporter: Option<ReporterLines>,
    also: Option<&'a str>,
}

/// The email to a force's referral mailbox: exactly what the referral (the consent) holds.
/// `also`: a second force that may have jurisdiction (British Transport Police).
pub fn police_referral(referral: &PoliceReferral, also: Option<&str>) -> EmailText {
    let i = referral.incident();
    let reporter = match referral {
        PoliceReferral::Anonymous { .. } => None,
        PoliceReferral::WithContactDetails { reporter, .. } => Some(ReporterLines {
            name: or_not_given(reporter.name.as_deref()),
            phone: or_not_given(reporter.phone.as_deref()),
            email: or_not_given(reporter.email.as_deref()),
            voicemail: yes_no(reporter.safe_to_leave_voicemail),
            safe_times: or_not_given(reporter.safe_times.as_deref()),
        }),
    };
    EmailText::render(&PoliceReferralEmail {
        with_contact: matches!(referral, PoliceReferral::WithContactDetails { .. }),
        force_name: geography::force_name(referral.force()),
        reference: i.reference.to_string(),
        date: i.occurred_on.to_string(),
        time: match (i.occurred_at, i.part_of_day) {
            (Some(t), _) => format!(" at {}", t.strftime("%H:%M")),
            (None, Some(part)) => format!(", {}", part.describe()),
            (None, None) => String::new(),
        },
        place: i.place_type.map_or("place not said", |p| p.as_str()),
        postcode: i.postcode.as_ref().map(|p| format!(", {p}")).unwrap_or_default(),
        town: i.town.as_ref().map(|t| format!(", {t}")).unwrap_or_default(),
        online: i.online,
        types: i.incident_types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "),
        motivations: i.motivations.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(", "),
        injured: yes_no(i.injured),
        ongoing: yes_no(i.ongoing),
        count: i.perpetrator_count.map_or("not said", |c| c.as_str()),
        relationship: i.perpetrator_relationship.map_or("not said", |r| r.as_str()),
        already: yes_no(i.already_reported_to_police),
        police_reference: i.police_reference.as_ref().map(|r| format!(" (police reference {r})")).unwrap_or_default(),
        description: &i.description,
        perpetrator: or_not_given(i.perpetrator_description.as_deref()),
        reporter,
        also: also.map(geography::force_name),
    })
}

#[derive(Template)]
#[template(path = "email/police_referral_sent.txt")]
struct PoliceReferralSent<'a> {
    reference: &'a Reference,
    force: &'a str,
    when: String,
    consent: PoliceConsent,
}

/// The operators' notice that a referral went out: reference and force only.
pub fn police_referral_sent(summary: &CaseSummary, referral: &PoliceReferral, sent_at: jiff::Timestamp) -> EmailText {
    EmailText::render(&PoliceReferralSent {
        reference: &summary.reference,
        force: geography::force_name(referral.force()),
        when: uk_time(sent_at),
        consent: referral.consent(),
    })
}

#[derive(Template)]
#[template(path = "email/police_force_needed.txt")]
struct PoliceForceNeeded<'a> {
    reference: &'a Reference,
    consent: PoliceConsent,
    question: ForceQuestion,
    candidates: String,
}

/// The operators' request to choose a force: reference, reason and candidates only.
pub fn police_force_needed(summary: &CaseSummary, question: ForceQuestion, candidates: &[String]) -> EmailText {
    let candidates = if candidates.is_empty() {
        "none in the reference data".to_string()
    } else {
        candidates.iter().map(|c| format!("{} ({c})", geography::force_name(c))).collect::<Vec<_>>().join(", ")
    };
    EmailText::render(&PoliceForceNeeded {
        reference: &summary.reference,
        consent: summary.police_consent,
        question,
        candidates,
    })
}

#[derive(Template)]
#[template(path = "email/advocate_proposal.txt")]
struct AdvocateProposal<'a> {
    reference: &'a Reference,
    due: String,
    remind: String,
    needs: String,
    nation: String,
    partners: &'a [RankedPartner],
    calendar_covered: bool,
}

/// The operators' email with the proposal and the call-back deadline: no personal data.
pub fn advocate_proposal(summary: &CaseSummary, proposal: &Proposal, deadline: &DeadlineTimes) -> EmailText {
    EmailText::render(&AdvocateProposal {
        reference: &summary.reference,
        due: uk_time(deadline.due_at),
        remind: uk_time(deadline.remind_at),
        needs: list_or(summary.support_needs.iter().map(|n| n.as_str()).collect(), "not said"),
        nation: summary.nation.to_string(),
        partners: &proposal.ranked,
        calendar_covered: deadline.calendar_covered,
    })
}

#[derive(Template)]
#[template(path = "email/retention_warning.txt")]
struct RetentionWarning<'a> {
    reference: &'a Reference,
    what: &'a str,
    at: String,
}

/// The operators' warning that an open, untouched case's `what` ("contact details", "personal
/// data") will be erased at `at`.
pub fn retention_warning(reference: &Reference, what: &str, at: jiff::Timestamp) -> EmailText {
    EmailText::render(&RetentionWarning { reference, what, at: uk_time(at) })
}

#[derive(Template)]
#[template(path = "email/deadline_alert.txt")]
struct DeadlineAlert<'a> {
    level: AlertLevel,
    reference: &'a Reference,
    what: &'static str,
    due: String,
}

/// A reminder, overdue alert or escalation about a deadline: reference and kind only.
pub fn deadline_alert(deadline: &Deadline, level: AlertLevel) -> EmailText {
    EmailText::render(&DeadlineAlert {
        level,
        reference: &deadline.reference,
        what: deadline.kind.describe(),
        due: uk_time(deadline.due_at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference::parse("OYS-7K2M-Q9XD").unwrap()
    }

    #[test]
    fn a_notice_reads_exactly_as_written_in_its_template() {
        let email = erasure_notice(&reference(), "Greater Manchester Police");
        assert_eq!(email.subject, "Erasure request: OYS-7K2M-Q9XD");
        assert_eq!(
            email.body,
            "To: Greater Manchester Police\n\nThe reporter of OYS-7K2M-Q9XD has asked On Your Side to erase their \
             personal data\n(UK GDPR article 17). We have erased it. Please erase the details we sent you about\n\
             OYS-7K2M-Q9XD, unless you have your own lawful basis to keep them, and let us know.\n"
        );
    }

    #[test]
    fn the_proposal_lists_partners_with_their_reasons_and_a_calendar_warning() {
        let at = |t: &str| t.parse::<jiff::Timestamp>().unwrap();
        let body = serde_json::from_str(include_str!("../../events/report-full.json")).unwrap();
        let report = crate::report::parse_report(&body, at("2026-11-24T10:00:00Z"), crate::report::Submitter::Public);
        let parts = crate::case_record::split_report(
            report.unwrap(),
            uuid::Uuid::nil(),
            reference(),
            at("2026-11-24T10:00:00Z"),
        );
        let summary = parts.summary;
        let partner = |id: &str, reasons: Vec<&str>| RankedPartner {
            partner_id: id.into(),
            partner_name: format!("Partner {id}"),
            score: 10,
            free_places: 3,
            reasons: reasons.into_iter().map(String::from).collect(),
        };
        let proposal = Proposal {
            reference: reference(),
            ranked: vec![partner("a", vec!["covers the area", "speaks Cantonese"]), partner("b", vec![])],
            proposed_at: at("2026-11-24T10:00:00Z"),
        };
        let times = DeadlineTimes {
            remind_at: at("2026-11-25T09:00:00Z"),
            due_at: at("2026-11-26T17:00:00Z"),
            calendar_covered: false,
        };
        let body = advocate_proposal(&summary, &proposal, &times).body;
        assert!(body.contains(
            "Proposed partners, best first:\n\n1. Partner a (a) — score 10\n     covers the area\n     speaks \
             Cantonese\n\n2. Partner b (b) — score 10\n\nNote: the bank-holiday calendar"
        ));
        assert!(body.ends_with("check the deadline by hand.\n\nThis email deliberately holds no personal details.\n"));
    }
}
