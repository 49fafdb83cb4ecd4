//! What is stored of a case, in three parts: `CaseSummary` (anonymised categories, kept for
//! statistics and the only part messages and alerts are built from), `Narrative` (what
//! happened, where: personal, erasable) and `ContactDetails` (personal, erasable on its own,
//! and first to expire).

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fields::{EmailAddress, LanguageTag, PhoneNumber, Postcode};
use crate::geography::Nation;
use crate::i18n::Language;
use crate::reference::Reference;
use crate::report::{
    AgeBand, Channel, ContactMethod, Gender, Heritage, IncidentType, Motivation, PerpetratorCount, PlaceType,
    PoliceConsent, Relationship, Report, Role, SupportNeed,
};
use crate::routing::{routes_for, Route};

/// The anonymised categories of a report: what statistics count and what messages may carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub report_id: Uuid,
    pub reference: Reference,
    pub received_at: Timestamp,
    pub channel: Channel,
    pub language: Language,
    pub nation: Nation,
    /// `YYYY-MM` of the incident: enough for monthly statistics, less identifying than a date.
    pub occurred_month: String,
    pub role: Role,
    pub heritage: Vec<Heritage>,
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub incident_types: Vec<IncidentType>,
    pub motivations: Vec<Motivation>,
    pub place_type: Option<PlaceType>,
    pub online: bool,
    pub injured: Option<bool>,
    pub ongoing: Option<bool>,
    pub reported_to_police_already: Option<bool>,
    pub perpetrator_count: Option<PerpetratorCount>,
    pub perpetrator_relationship: Option<Relationship>,
    pub police_consent: PoliceConsent,
    pub advocate_support: bool,
    pub support_needs: Vec<SupportNeed>,
    pub privacy_notice_version: String,
    pub spoken_language: Option<LanguageTag>,
    pub interpreter_needed: Option<bool>,
    pub phone_given: bool,
    pub email_given: bool,
    pub routes: Vec<Route>,
    /// Who took the report, if staff did (phone, webchat), and how the call went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken: Option<TakenReport>,
}

/// A report staff took for a caller: who took it (their staff id, as events name them), the
/// language the caller spoke and whether an interpreter was used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TakenReport {
    pub by: String,
    pub language_spoken: Option<LanguageTag>,
    pub interpreter_used: Option<bool>,
}

/// What happened and where, in the reporter's words: personal data, erased on request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Narrative {
    pub occurred_on: Date,
    pub occurred_at: Option<Time>,
    pub postcode: Option<Postcode>,
    pub town: Option<String>,
    pub description: String,
    pub perpetrator_description: Option<String>,
    pub police_reference: Option<String>,
}

/// How to reach the reporter: stored apart so it can expire or be erased on its own. The form's
/// `Contact` holds these and the language to speak, which goes to the summary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub name: Option<String>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<EmailAddress>,
    pub preferred_method: Option<ContactMethod>,
    pub safe_to_leave_voicemail: Option<bool>,
    pub safe_times: Option<String>,
    /// A phone the reporter gave with their follow-up receipt that does not replace `phone` until
    /// an operator confirms it with them (`ContactDetails::with_follow_up_phone`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposed_phone: Option<PhoneNumber>,
}

impl ContactDetails {
    /// Whether anything here identifies or reaches the reporter.
    pub fn has_personal_data(&self) -> bool {
        self.name.is_some()
            || self.phone.is_some()
            || self.email.is_some()
            || self.safe_times.is_some()
            || self.proposed_phone.is_some()
    }

    /// The contact details once a phone arrives with a follow-up receipt, and whether it was only
    /// proposed. A receipt proves only that its holder saw the confirmation page, which on a
    /// shared phone may be someone else: so the phone never joins contact details the reporter
    /// already gave (an operator would call a stranger about their report), nor reaches a
    /// partner or a police force the details may go to (`may_leave`: shared with a partner, or
    /// a police referral with contact details), unseen. Then it is proposed, and becomes the
    /// phone when an operator confirms it with the reporter (`reporter_phone_confirmed`).
    pub fn with_follow_up_phone(
        existing: Option<&ContactDetails>,
        phone: PhoneNumber,
        may_leave: bool,
    ) -> (ContactDetails, bool) {
        let mut contact = existing.cloned().unwrap_or(ContactDetails {
            preferred_method: Some(crate::report::ContactMethod::Phone),
            ..ContactDetails::default()
        });
        let propose = may_leave || contact.has_personal_data();
        if propose {
            contact.proposed_phone = Some(phone);
        } else {
            contact.phone = Some(phone);
        }
        (contact, propose)
    }

    /// The contact details once an operator confirmed the proposed phone with the reporter.
    pub fn with_proposed_phone_confirmed(&self) -> ContactDetails {
        let mut contact = self.clone();
        if let Some(phone) = contact.proposed_phone.take() {
            contact.phone = Some(phone);
        }
        contact
    }
}

/// A report split into what is stored where. `contact` is `None` when nothing reaches the reporter.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportParts {
    pub summary: CaseSummary,
    pub narrative: Narrative,
    pub contact: Option<ContactDetails>,
}

/// Splits a valid report for storage.
pub fn split_report(report: Report, report_id: Uuid, reference: Reference, received_at: Timestamp) -> ReportParts {
    let nation = report.nation();
    let Report { language, channel, reporter, contact, incident, perpetrators, consent, assisted: _ } = report;
    let routes = routes_for(consent.police, consent.advocate_support);
    let summary = CaseSummary {
        report_id,
        reference,
        received_at,
        channel,
        language,
        nation,
        occurred_month: format!("{:04}-{:02}", incident.occurred_on.year(), incident.occurred_on.month()),
        role: reporter.role,
        heritage: reporter.heritage,
        age_band: reporter.age_band,
        gender: reporter.gender,
        incident_types: incident.types,
        motivations: incident.motivations,
        place_type: incident.location.place_type,
        online: incident.location.online,
        injured: incident.injured,
        ongoing: incident.ongoing,
        reported_to_police_already: incident.reported_to_police_already,
        perpetrator_count: perpetrators.count,
        perpetrator_relationship: perpetrators.relationship,
        police_consent: consent.police,
        advocate_support: consent.advocate_support,
        support_needs: consent.support_needs,
        privacy_notice_version: consent.privacy_notice_version,
        spoken_language: contact.preferred_language.clone(),
        interpreter_needed: contact.interpreter_needed,
        phone_given: contact.details.phone.is_some(),
        email_given: contact.details.email.is_some(),
        routes,
        // Who took it is not in the report: intake sets it from the signed-in caller.
        taken: None,
    };
    let narrative = Narrative {
        occurred_on: incident.occurred_on,
        occurred_at: incident.occurred_at,
        postcode: incident.location.postcode,
        town: incident.location.town,
        description: incident.description,
        perpetrator_description: perpetrators.description,
        police_reference: incident.police_reference,
    };
    let contact = contact.details.has_personal_data().then_some(contact.details);
    ReportParts { summary, narrative, contact }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(text: &str) -> PhoneNumber {
        PhoneNumber::parse(text).unwrap()
    }

    #[test]
    fn a_follow_up_phone_is_only_proposed_where_it_could_reach_a_stranger_or_leave() {
        // Nothing held, nothing leaves: it is the phone.
        let (contact, proposed) = ContactDetails::with_follow_up_phone(None, phone("07700 900111"), false);
        assert!(!proposed && contact.phone.is_some() && contact.proposed_phone.is_none());
        // Any contact details the reporter gave (an email), or details that may go to a partner
        // or the police: proposed, the held ones kept.
        let email_only =
            ContactDetails { email: EmailAddress::parse("a@example.org").ok(), ..ContactDetails::default() };
        for (existing, may_leave) in [(Some(&email_only), false), (None, true)] {
            let (contact, proposed) = ContactDetails::with_follow_up_phone(existing, phone("07700 900222"), may_leave);
            assert!(
                proposed && contact.phone.is_none() && contact.proposed_phone.is_some(),
                "{existing:?} {may_leave} {contact:?}"
            );
        }
        let confirmed = ContactDetails::with_follow_up_phone(Some(&email_only), phone("07700 900222"), false)
            .0
            .with_proposed_phone_confirmed();
        assert_eq!(confirmed.phone.unwrap().as_str(), "+447700900222");
        assert!(confirmed.proposed_phone.is_none() && confirmed.email.is_some());
    }
}
