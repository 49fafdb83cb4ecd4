//! Consent-driven routing: which workers a report goes to, what the queue messages and the
//! operators' alert say, and the answer the reporter gets.
//!
//! A report is split into three parts when stored: `CaseSummary` (anonymised categories, kept
//! for statistics), `Narrative` (what happened, where: personal, erasable) and `ContactDetails`
//! (personal, erasable on its own). Messages and alerts are built from the summary only, so they
//! cannot carry a name, phone, email, postcode, town or description: the type has none.

use jiff::civil::{Date, Time};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::fields::{EmailAddress, LanguageTag, PhoneNumber, Postcode};
use crate::geography::Nation;
use crate::i18n::{self, Language};
use crate::reference::Reference;
use crate::report::{
    AgeBand, Channel, ContactMethod, Gender, Heritage, IncidentType, Motivation, PerpetratorCount, PlaceType,
    PoliceConsent, Relationship, Report, Role, SupportNeed,
};

choice! {
    /// A worker a report is routed to.
    pub enum Route {
        PoliceReferral => "police_referral",
        AdvocateAssignment => "advocate_assignment",
    }
}

choice! {
    /// Something the intake owes a stored report: a message on a route's queue, or the
    /// operators' alert email. A report stays "pending routing" until every one is done.
    pub enum Delivery {
        PoliceReferral => "police_referral",
        AdvocateAssignment => "advocate_assignment",
        OperatorAlert => "operator_alert",
    }
}

impl Delivery {
    pub fn route(self) -> Option<Route> {
        match self {
            Delivery::PoliceReferral => Some(Route::PoliceReferral),
            Delivery::AdvocateAssignment => Some(Route::AdvocateAssignment),
            Delivery::OperatorAlert => None,
        }
    }

    /// Every delivery a report with these routes needs: one per route, and the alert.
    pub fn all_for(routes: &[Route]) -> Vec<Delivery> {
        let mut deliveries: Vec<Delivery> = routes
            .iter()
            .map(|route| match route {
                Route::PoliceReferral => Delivery::PoliceReferral,
                Route::AdvocateAssignment => Delivery::AdvocateAssignment,
            })
            .collect();
        deliveries.push(Delivery::OperatorAlert);
        deliveries
    }
}

/// The routes consent asks for (SPEC "Routing"): police unless consent is `no`; the advocate
/// worker when support was asked for.
pub fn routes_for(police: PoliceConsent, advocate_support: bool) -> Vec<Route> {
    let mut routes = Vec::with_capacity(2);
    if police != PoliceConsent::No {
        routes.push(Route::PoliceReferral);
    }
    if advocate_support {
        routes.push(Route::AdvocateAssignment);
    }
    routes
}

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

/// How to reach the reporter: stored apart so it can expire or be erased on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactDetails {
    pub name: Option<String>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<EmailAddress>,
    pub preferred_method: Option<ContactMethod>,
    pub safe_to_leave_voicemail: Option<bool>,
    pub safe_times: Option<String>,
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
    let Report { language, channel, reporter, contact, incident, perpetrators, consent } = report;
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
        phone_given: contact.phone.is_some(),
        email_given: contact.email.is_some(),
        routes,
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
    let contact = contact.has_personal_data().then_some(ContactDetails {
        name: contact.name,
        phone: contact.phone,
        email: contact.email,
        preferred_method: contact.preferred_method,
        safe_to_leave_voicemail: contact.safe_to_leave_voicemail,
        safe_times: contact.safe_times,
    });
    ReportParts { summary, narrative, contact }
}

/// The body of a message on a route's queue: references and categories, nothing personal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoutingMessage {
    /// Bumped when the shape changes incompatibly, so a worker can refuse what it cannot read.
    pub schema_version: u32,
    pub report_id: Uuid,
    pub reference: Reference,
    pub route: Route,
    pub routes: Vec<Route>,
    pub channel: Channel,
    pub language: Language,
    pub nation: Nation,
    pub received_at: Timestamp,
    pub incident_types: Vec<IncidentType>,
    pub motivations: Vec<Motivation>,
    pub place_type: Option<PlaceType>,
    pub police_consent: PoliceConsent,
    pub support_needs: Vec<SupportNeed>,
}

pub const ROUTING_MESSAGE_SCHEMA: u32 = 1;

impl RoutingMessage {
    pub fn new(summary: &CaseSummary, route: Route) -> Self {
        RoutingMessage {
            schema_version: ROUTING_MESSAGE_SCHEMA,
            report_id: summary.report_id,
            reference: summary.reference.clone(),
            route,
            routes: summary.routes.clone(),
            channel: summary.channel,
            language: summary.language,
            nation: summary.nation,
            received_at: summary.received_at,
            incident_types: summary.incident_types.clone(),
            motivations: summary.motivations.clone(),
            place_type: summary.place_type,
            police_consent: summary.police_consent,
            support_needs: summary.support_needs.clone(),
        }
    }
}

/// What the reporter is told after a report is accepted, in their language.
pub fn next_steps(summary: &CaseSummary) -> String {
    let language = summary.language;
    let mut parts =
        vec![i18n::message(language, "next-steps-received", &[("reference", summary.reference.to_string())])];
    match summary.police_consent {
        PoliceConsent::No => {}
        PoliceConsent::Anonymous => parts.push(i18n::message(language, "next-steps-police-anonymous", &[])),
        PoliceConsent::WithContactDetails => parts.push(i18n::message(language, "next-steps-police-with-contact", &[])),
    }
    let follow_up = if summary.advocate_support {
        "next-steps-advocate"
    } else if summary.phone_given || summary.email_given {
        "next-steps-contact-given"
    } else {
        "next-steps-no-contact"
    };
    parts.push(i18n::message(language, follow_up, &[]));
    parts.push(i18n::message(language, "next-steps-helpline", &[]));
    // Chinese sentences end in a full-width stop and take no space between them.
    let separator =
        if matches!(language, Language::ChineseTraditional | Language::ChineseSimplified) { "" } else { " " };
    parts.join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consent_decides_routes() {
        use PoliceConsent::*;
        assert_eq!(routes_for(No, false), vec![]);
        assert_eq!(routes_for(No, true), vec![Route::AdvocateAssignment]);
        assert_eq!(routes_for(Anonymous, false), vec![Route::PoliceReferral]);
        assert_eq!(routes_for(WithContactDetails, true), vec![Route::PoliceReferral, Route::AdvocateAssignment]);
    }

    #[test]
    fn every_report_owes_an_alert() {
        assert_eq!(Delivery::all_for(&[]), vec![Delivery::OperatorAlert]);
        assert_eq!(
            Delivery::all_for(&[Route::PoliceReferral, Route::AdvocateAssignment]),
            vec![Delivery::PoliceReferral, Delivery::AdvocateAssignment, Delivery::OperatorAlert]
        );
        assert_eq!(Delivery::PoliceReferral.route(), Some(Route::PoliceReferral));
        assert_eq!(Delivery::OperatorAlert.route(), None);
    }
}
