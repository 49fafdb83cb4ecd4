//! Consent-driven routing: which workers a report goes to, what the queue messages say, and
//! the answer the reporter gets. Messages are built from the `CaseSummary` only, so they cannot
//! carry a name, phone, email, postcode, town or description: the type has none.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::case_record::CaseSummary;
use crate::geography::Nation;
use crate::i18n::{self, Language};
use crate::reference::Reference;
use crate::report::{Channel, IncidentType, Motivation, PlaceType, PoliceConsent, SupportNeed};

choice! {
    /// A worker a report is routed to.
    pub enum Route {
        PoliceReferral => "police_referral",
        AdvocateAssignment => "advocate_assignment",
    }
}

choice! {
    /// Something owed to a stored report: a message on a route's queue, the operators' alert of
    /// a new report, the operators' alert of what the reporter added with their receipt (one
    /// alert, saying each kind of addition still owed), or a casework email to an organisation
    /// (a handoff, a withdrawal or erasure notice). A report stays "pending routing" until every
    /// one is done; the dispatcher sends them, the sweeper finishes what it could not.
    ///
    /// The casework ones carry no data: what they send is read from the case when they go
    /// (the partner it is shared with, the disclosures recorded), so consent is checked then.
    pub enum Delivery {
        PoliceReferral => "police_referral",
        AdvocateAssignment => "advocate_assignment",
        OperatorAlert => "operator_alert",
        FollowUpInformationAlert => "follow_up_information_alert",
        FollowUpAdvocateAlert => "follow_up_advocate_alert",
        FollowUpPhoneProposedAlert => "follow_up_phone_proposed_alert",
        PartnerHandoff => "partner_handoff",
        PartnerWithdrawalNotice => "partner_withdrawal_notice",
        PoliceWithdrawalNotice => "police_withdrawal_notice",
        ErasureNotices => "erasure_notices",
    }
}

impl Delivery {
    pub fn route(self) -> Option<Route> {
        match self {
            Delivery::PoliceReferral => Some(Route::PoliceReferral),
            Delivery::AdvocateAssignment => Some(Route::AdvocateAssignment),
            Delivery::OperatorAlert
            | Delivery::FollowUpInformationAlert
            | Delivery::FollowUpAdvocateAlert
            | Delivery::FollowUpPhoneProposedAlert
            | Delivery::PartnerHandoff
            | Delivery::PartnerWithdrawalNotice
            | Delivery::PoliceWithdrawalNotice
            | Delivery::ErasureNotices => None,
        }
    }

    /// Whether it is part of the operators' alert of a follow-up (sent as one email).
    pub fn is_follow_up_alert(self) -> bool {
        matches!(
            self,
            Delivery::FollowUpInformationAlert | Delivery::FollowUpAdvocateAlert | Delivery::FollowUpPhoneProposedAlert
        )
    }

    /// What a follow-up owes: the advocate-assignment message if an advocate was asked for, and
    /// the operators' alert saying each kind of addition.
    pub fn for_follow_up(added_information: bool, asked_for_advocate: bool, phone_proposed: bool) -> Vec<Delivery> {
        [
            (asked_for_advocate, Delivery::AdvocateAssignment),
            (added_information, Delivery::FollowUpInformationAlert),
            (asked_for_advocate, Delivery::FollowUpAdvocateAlert),
            (phone_proposed, Delivery::FollowUpPhoneProposedAlert),
        ]
        .into_iter()
        .filter_map(|(owed, delivery)| owed.then_some(delivery))
        .collect()
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

/// The routes consent asks for (docs/domain-rules.md): the police only when the reporter agreed
/// (not `no`, not `not_sure`); the advocate worker when support was asked for.
pub fn routes_for(police: PoliceConsent, advocate_support: bool) -> Vec<Route> {
    let mut routes = Vec::with_capacity(2);
    if police.agreed() {
        routes.push(Route::PoliceReferral);
    }
    if advocate_support {
        routes.push(Route::AdvocateAssignment);
    }
    routes
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
    /// Reads a routing message from a queue's message body, meant for the worker of `route`.
    /// The error names the problem, never the content (a misrouted message could hold anything).
    pub fn from_queue_body(body: &str, route: Route) -> Result<RoutingMessage, &'static str> {
        let message: RoutingMessage = serde_json::from_str(body).map_err(|e| match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "not JSON",
            _ => "not a routing message",
        })?;
        if message.schema_version != ROUTING_MESSAGE_SCHEMA {
            return Err("unknown schema version");
        }
        if message.route != route {
            return Err("message for another route");
        }
        Ok(message)
    }

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
        PoliceConsent::No => parts.push(i18n::message(language, "next-steps-police-no", &[])),
        // "Not sure yet": a call talks it through if they left a way to reach them; else the helpline.
        PoliceConsent::NotSure => parts.push(i18n::message(
            language,
            if summary.phone_given || summary.email_given {
                "next-steps-police-not-sure"
            } else {
                "next-steps-police-not-sure-anonymous"
            },
            &[],
        )),
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
    if follow_up == "next-steps-no-contact" {
        // An anonymous report is not set aside: say what is done with it.
        parts.push(i18n::message(language, "next-steps-anonymous", &[]));
    }
    parts.push(i18n::message(language, "next-steps-helpline", &[]));
    // Chinese sentences end in a full-width stop and take no space between them.
    let separator =
        if matches!(language, Language::ChineseTraditional | Language::ChineseSimplified) { "" } else { " " };
    parts.join(separator)
}

/// The answer a reporter got for an accepted report: what a repeated request is answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub reference: Reference,
    pub routes: Vec<Route>,
    pub next_steps: String,
}

/// The record of an `Idempotency-Key`: stored in the same transaction as the report it created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdempotencyRecord {
    /// SHA-256 of the key: the key itself is the client's and need not be kept.
    pub key_hash: String,
    /// SHA-256 of the request body in canonical JSON: a different body with the same key is refused.
    pub request_hash: String,
    pub receipt: Receipt,
    pub created_at: Timestamp,
    /// After this the key may be used again. Checked from the stored time, not left to TTL,
    /// which can lag by days.
    pub expires_at: Timestamp,
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
        // "Not sure yet, talk to me first" sends nothing to the police.
        assert_eq!(routes_for(NotSure, false), vec![]);
        assert_eq!(routes_for(NotSure, true), vec![Route::AdvocateAssignment]);
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
