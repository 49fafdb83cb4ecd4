//! Police referral: which force, and what the force may receive.
//!
//! The force is chosen automatically only when the reference data is sure (one force for the
//! whole postcode area, or for the district, with high confidence). Anything else — no
//! postcode, an online incident, a district on a force boundary, a Crown dependency — goes to
//! an operator with the candidates: a wrong force is a disclosure to the wrong body.
//!
//! The referral is a type with two shapes. `Anonymous` has no field that could hold a contact
//! detail, so an anonymous referral cannot carry one whatever the code around it does.

use serde::{Deserialize, Serialize};

use crate::case_record::{CaseSummary, ContactDetails, Narrative};
use crate::fields::Postcode;
use crate::geography::{self, Confidence, ForceCandidates};
use crate::reference::Reference;
use crate::report::{IncidentType, Motivation, PerpetratorCount, PlaceType, PoliceConsent, Relationship};

/// The reporter's police choice as it stands: the decision they told an operator after
/// answering "not sure yet", else the report's.
pub fn police_consent_now(summary: &CaseSummary, state: &crate::casework::CaseState) -> PoliceConsent {
    state.police_decided.as_ref().map_or(summary.police_consent, |decision| decision.consent)
}

/// Whether a police referral must wait for an operator to release it. Anyone on the internet
/// can fill in the public form, with any free text and somebody else's phone number: a referral
/// from it reaches a force only after a person has looked at it. Reports an operator took by
/// phone or webchat were taken by a person already, and go straight on.
pub fn police_release_required(summary: &CaseSummary) -> bool {
    summary.channel == crate::report::Channel::Online && summary.police_consent.agreed()
}

/// Whether the case waits on an operator's release of its police referral now.
pub fn police_release_pending(summary: &CaseSummary, state: &crate::casework::CaseState) -> bool {
    police_release_required(summary)
        && state.police_referral_released_at.is_none()
        && state.police_consent_withdrawn.is_none()
        && state.closed_at.is_none()
}

/// British Transport Police: named alongside the territorial force for public transport.
pub const BRITISH_TRANSPORT_POLICE: &str = "btp";
const PSNI: &str = "northern-ireland";

choice! {
    /// Why a person has to choose the force.
    pub enum ForceQuestion {
        NoPostcode => "no_postcode",
        Online => "online",
        OutsideUkForces => "outside_uk_police_forces",
        SeveralForces => "several_candidate_forces",
        NotConfident => "reference_data_not_confident",
        NoMailbox => "no_referral_mailbox_configured",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ForceDecision {
    /// Send to `force`; `also` names a force that may share jurisdiction (BTP on public transport).
    Automatic { force: String, also: Option<String> },
    /// An operator picks; `candidates` may be empty (no postcode, Crown dependency).
    NeedsOperator { question: ForceQuestion, candidates: Vec<String> },
}

/// Decides the force from where the incident happened.
pub fn decide_force(postcode: Option<&Postcode>, online: bool, place: Option<PlaceType>) -> ForceDecision {
    let public_transport = place == Some(PlaceType::PublicTransport);
    let needs = |question, mut candidates: Vec<String>| {
        if public_transport && !candidates.iter().any(|c| c == BRITISH_TRANSPORT_POLICE) {
            candidates.push(BRITISH_TRANSPORT_POLICE.to_string());
        }
        ForceDecision::NeedsOperator { question, candidates }
    };
    if online || place == Some(PlaceType::Online) {
        return needs(ForceQuestion::Online, Vec::new());
    }
    let Some(postcode) = postcode else {
        return needs(ForceQuestion::NoPostcode, Vec::new());
    };
    let automatic = |force: &str| ForceDecision::Automatic {
        force: force.to_string(),
        also: public_transport.then(|| BRITISH_TRANSPORT_POLICE.to_string()),
    };
    // Northern Ireland has one force; BT is never ambiguous.
    if postcode.area() == "BT" {
        return automatic(PSNI);
    }
    let sure = |c: &ForceCandidates| c.single_force && c.forces.len() == 1 && c.confidence == Confidence::High;
    // One force for the whole area settles it, whatever the district table says.
    let area = geography::area_forces(postcode);
    if sure(&area) {
        return automatic(area.forces[0]);
    }
    let candidates = geography::candidate_forces(postcode);
    if candidates.forces.is_empty() {
        return needs(ForceQuestion::OutsideUkForces, Vec::new());
    }
    if sure(&candidates) {
        return automatic(candidates.forces[0]);
    }
    let question = if candidates.forces.len() > 1 { ForceQuestion::SeveralForces } else { ForceQuestion::NotConfident };
    needs(question, candidates.forces.iter().map(|f| f.to_string()).collect())
}

/// What happened, as the police receive it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentForPolice {
    pub reference: Reference,
    pub occurred_on: jiff::civil::Date,
    /// The time of day: only when the reporter agreed to be contacted.
    pub occurred_at: Option<jiff::civil::Time>,
    /// The part of the day, for an anonymous referral (the exact time could identify them).
    #[serde(default)]
    pub part_of_day: Option<PartOfDay>,
    /// The full postcode with contact consent; only its district for an anonymous referral.
    pub postcode: Option<Postcode>,
    pub town: Option<String>,
    pub online: bool,
    pub place_type: Option<PlaceType>,
    pub incident_types: Vec<IncidentType>,
    pub motivations: Vec<Motivation>,
    pub description: String,
    pub injured: Option<bool>,
    pub ongoing: Option<bool>,
    pub perpetrator_count: Option<PerpetratorCount>,
    pub perpetrator_relationship: Option<Relationship>,
    pub perpetrator_description: Option<String>,
    pub already_reported_to_police: Option<bool>,
    /// The police's own crime reference: only with contact consent (it identifies the reporter).
    pub police_reference: Option<String>,
}

choice! {
    /// The part of the day an incident happened, for referrals that must not pin down the time.
    pub enum PartOfDay {
        Night => "night",
        Morning => "morning",
        Afternoon => "afternoon",
        Evening => "evening",
    }
}

impl PartOfDay {
    /// In words, with the hours it covers.
    pub fn describe(self) -> &'static str {
        match self {
            PartOfDay::Night => "at night (00:00–05:59)",
            PartOfDay::Morning => "in the morning (06:00–11:59)",
            PartOfDay::Afternoon => "in the afternoon (12:00–17:59)",
            PartOfDay::Evening => "in the evening (18:00–23:59)",
        }
    }

    pub fn of(time: jiff::civil::Time) -> PartOfDay {
        match time.hour() {
            0..=5 => PartOfDay::Night,
            6..=11 => PartOfDay::Morning,
            12..=17 => PartOfDay::Afternoon,
            _ => PartOfDay::Evening,
        }
    }
}

/// How the police may reach the reporter: only with `with_contact_details` consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReporterForPolice {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub safe_to_leave_voicemail: Option<bool>,
    pub safe_times: Option<String>,
}

/// The referral a force receives: exactly what the reporter's consent covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PoliceReferral {
    Anonymous { force: String, incident: IncidentForPolice },
    WithContactDetails { force: String, incident: IncidentForPolice, reporter: ReporterForPolice },
}

impl PoliceReferral {
    /// The referral consent allows, or `None` when the reporter did not agree to one.
    /// With `with_contact_details` but no contact detail held (never given, or erased) the
    /// referral is anonymous: there is nothing else it could be.
    pub fn build(
        summary: &CaseSummary,
        narrative: &Narrative,
        contact: Option<&ContactDetails>,
        force: &str,
    ) -> Option<PoliceReferral> {
        let with_contact = summary.police_consent == PoliceConsent::WithContactDetails
            && contact.is_some_and(|c| c.phone.is_some() || c.email.is_some());
        // An anonymous referral says no more than the police need to record the incident:
        // no crime reference, the postcode's district, the part of the day.
        let incident = IncidentForPolice {
            reference: summary.reference.clone(),
            occurred_on: narrative.occurred_on,
            occurred_at: narrative.occurred_at.filter(|_| with_contact),
            part_of_day: narrative.occurred_at.filter(|_| !with_contact).map(PartOfDay::of),
            postcode: narrative.postcode.as_ref().map(|p| if with_contact { p.clone() } else { p.district_only() }),
            town: narrative.town.clone(),
            online: summary.online,
            place_type: summary.place_type,
            incident_types: summary.incident_types.clone(),
            motivations: summary.motivations.clone(),
            description: narrative.description.clone(),
            injured: summary.injured,
            ongoing: summary.ongoing,
            perpetrator_count: summary.perpetrator_count,
            perpetrator_relationship: summary.perpetrator_relationship,
            perpetrator_description: narrative.perpetrator_description.clone(),
            already_reported_to_police: summary.reported_to_police_already,
            police_reference: narrative.police_reference.clone().filter(|_| with_contact),
        };
        let force = force.to_string();
        match (summary.police_consent, contact) {
            (PoliceConsent::No | PoliceConsent::NotSure, _) => None,
            (PoliceConsent::WithContactDetails, Some(contact)) if with_contact => {
                Some(PoliceReferral::WithContactDetails {
                    force,
                    incident,
                    reporter: ReporterForPolice {
                        name: contact.name.clone(),
                        phone: contact.phone.as_ref().map(|p| p.as_str().to_string()),
                        email: contact.email.as_ref().map(|e| e.as_str().to_string()),
                        safe_to_leave_voicemail: contact.safe_to_leave_voicemail,
                        safe_times: contact.safe_times.clone(),
                    },
                })
            }
            _ => Some(PoliceReferral::Anonymous { force, incident }),
        }
    }

    pub fn force(&self) -> &str {
        match self {
            PoliceReferral::Anonymous { force, .. } | PoliceReferral::WithContactDetails { force, .. } => force,
        }
    }

    pub fn incident(&self) -> &IncidentForPolice {
        match self {
            PoliceReferral::Anonymous { incident, .. } | PoliceReferral::WithContactDetails { incident, .. } => {
                incident
            }
        }
    }

    /// The consent it was made under.
    pub fn consent(&self) -> PoliceConsent {
        match self {
            PoliceReferral::Anonymous { .. } => PoliceConsent::Anonymous,
            PoliceReferral::WithContactDetails { .. } => PoliceConsent::WithContactDetails,
        }
    }

    /// The parts of the report disclosed, for the disclosure record.
    pub fn disclosed_fields(&self) -> &'static str {
        match self {
            PoliceReferral::Anonymous { .. } => "incident details (no contact details)",
            PoliceReferral::WithContactDetails { .. } => "incident details and the reporter's contact details",
        }
    }
}

/// Reads `{"force-id": "mailbox@…", …}`, refusing unknown force ids and non-addresses.
pub fn parse_force_mailboxes(json: &str) -> Result<std::collections::HashMap<String, String>, String> {
    let mailboxes: std::collections::HashMap<String, String> = serde_json::from_str(json)
        .map_err(|e| format!("POLICE_FORCE_MAILBOXES is not a JSON object of strings: {e}"))?;
    let known: std::collections::HashSet<&str> = crate::geography::all_forces().collect();
    for (force, mailbox) in &mailboxes {
        if !known.contains(force.as_str()) {
            return Err(format!("POLICE_FORCE_MAILBOXES names an unknown force `{force}`"));
        }
        crate::fields::EmailAddress::parse(mailbox)
            .map_err(|_| format!("POLICE_FORCE_MAILBOXES: `{force}` has no valid address"))?;
    }
    Ok(mailboxes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(postcode: &str, place: Option<PlaceType>) -> ForceDecision {
        decide_force(Some(&Postcode::parse(postcode).unwrap()), false, place)
    }

    fn automatic(force: &str) -> ForceDecision {
        ForceDecision::Automatic { force: force.into(), also: None }
    }

    fn referral_of(consent: &str) -> PoliceReferral {
        let mut body: serde_json::Value = serde_json::from_str(include_str!("../../events/report-full.json")).unwrap();
        body["consent"]["police"] = consent.into();
        body["incident"]["occurred_at"] = "18:30".into();
        body["incident"]["location"]["postcode"] = "M1 1AE".into();
        body["incident"]["reported_to_police_already"] = true.into();
        body["incident"]["police_reference"] = "GMP-PLANTED-4471".into();
        let now: jiff::Timestamp = "2026-11-24T12:00:00Z".parse().unwrap();
        let report = crate::parse_report(&body, now, crate::report::Submitter::Public).unwrap();
        let parts = crate::case_record::split_report(report, uuid::Uuid::nil(), Reference::from_entropy(7), now);
        PoliceReferral::build(&parts.summary, &parts.narrative, parts.contact.as_ref(), "greater-manchester").unwrap()
    }

    #[test]
    fn anonymous_referrals_hold_no_crime_reference_a_district_and_a_part_of_the_day() {
        let anonymous = referral_of("anonymous");
        let text = crate::emails::police_referral(&anonymous, None).body;
        for planted in ["GMP-PLANTED-4471", "M1 1AE", "18:30"] {
            assert!(!text.contains(planted), "anonymous referral holds {planted}:\n{text}");
        }
        assert!(text.contains(", M1") && text.contains("in the evening"), "{text}");
        let incident = anonymous.incident();
        assert_eq!((incident.occurred_at, incident.part_of_day), (None, Some(PartOfDay::Evening)));

        // With consent to be contacted, the force gets what it needs to investigate.
        let text = crate::emails::police_referral(&referral_of("with_contact_details"), None).body;
        for kept in ["GMP-PLANTED-4471", "M1 1AE", "18:30"] {
            assert!(text.contains(kept), "referral with contact lacks {kept}:\n{text}");
        }
    }

    #[test]
    fn forces_for_each_nation() {
        assert_eq!(decide("M1 1AE", None), automatic("greater-manchester"));
        assert_eq!(decide("EH1 1YZ", None), automatic("police-scotland"));
        // No Welsh district is "high" in the derived table (see shared/data/README.md): an
        // operator confirms the force, offered the likely one.
        assert_eq!(
            decide("CF10 1AA", None),
            ForceDecision::NeedsOperator {
                question: ForceQuestion::NotConfident,
                candidates: vec!["south-wales".into()]
            }
        );
        assert_eq!(decide("BT7 1NN", None), automatic("northern-ireland"));
        assert_eq!(decide("SW1A 2AA", None), automatic("metropolitan"));
    }

    #[test]
    fn public_transport_also_names_british_transport_police() {
        assert_eq!(
            decide("M1 1AE", Some(PlaceType::PublicTransport)),
            ForceDecision::Automatic { force: "greater-manchester".into(), also: Some("btp".into()) }
        );
    }

    #[test]
    fn online_or_missing_postcodes_go_to_an_operator() {
        let online = decide_force(Some(&Postcode::parse("M1 1AE").unwrap()), true, None);
        assert_eq!(online, ForceDecision::NeedsOperator { question: ForceQuestion::Online, candidates: vec![] });
        assert_eq!(
            decide_force(None, false, Some(PlaceType::PublicTransport)),
            ForceDecision::NeedsOperator { question: ForceQuestion::NoPostcode, candidates: vec!["btp".into()] }
        );
    }

    #[test]
    fn cross_border_and_crown_dependencies_go_to_an_operator() {
        // TD15 (Berwick) straddles England and Scotland.
        match decide("TD15 1AA", None) {
            ForceDecision::NeedsOperator { question: ForceQuestion::SeveralForces, candidates } => {
                assert!(candidates.contains(&"northumbria".to_string()), "{candidates:?}");
                assert!(candidates.contains(&"police-scotland".to_string()), "{candidates:?}");
            }
            other => panic!("TD15 must not be guessed: {other:?}"),
        }
        assert_eq!(
            decide("JE2 3AB", None),
            ForceDecision::NeedsOperator { question: ForceQuestion::OutsideUkForces, candidates: vec![] }
        );
    }

    #[test]
    fn a_district_missing_from_the_table_routes_by_its_one_force_area() {
        // BN4 is not in the (2014-2017) district table; all of BN is Sussex Police.
        assert!(!geography::candidate_forces(&Postcode::parse("BN4").unwrap()).forces.is_empty());
        assert_eq!(decide("BN4 1AA", None), automatic("sussex"));
        // A missing district in a mixed area is not guessed.
        assert!(matches!(decide("TD16 1AA", None), ForceDecision::NeedsOperator { .. }));
    }

    #[test]
    fn an_outward_code_alone_is_enough_when_the_data_is_sure() {
        assert_eq!(decide("M1", None), automatic("greater-manchester"));
    }
}
