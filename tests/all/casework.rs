//! Casework through the operator routes, on both adapter sets: who may read and write what,
//! consent to share and its withdrawal, the reminder clock, erasure and retention.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use jiff::Timestamp;
use oys_application::reminders;
use oys_shared::casework::CaseListing;
use oys_shared::Reference;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::api::post_json;
use crate::support::{event, Backend};
use oys_test_support::on_both_backends;

const OPERATOR: &str = "local-operator-token";
const LEAD: &str = "local-lead-token";
const ADVOCATE_NW: &str = "local-advocate-example-north-west-token";
const ADVOCATE_LONDON: &str = "local-advocate-example-london-token";

async fn call(
    backend: &Backend,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(body) => {
            request = request.header("content-type", "application/json");
            Body::from(body.to_string())
        }
        None => Body::empty(),
    };
    let response = backend.full_router().oneshot(request.body(body).unwrap()).await.unwrap();
    let (status, _, bytes) = crate::support::contract::read(method, path, response).await;
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn event_on(backend: &Backend, reference: &Reference, token: &str, event: Value) -> (StatusCode, Value) {
    event_on_as(backend, reference, Some(token), event).await
}

async fn event_on_as(
    backend: &Backend,
    reference: &Reference,
    token: Option<&str>,
    event: Value,
) -> (StatusCode, Value) {
    call(backend, "POST", &format!("/v1/cases/{reference}/events"), token, Some(event)).await
}

async fn submit(backend: &Backend, body: &str) -> Reference {
    let answer = post_json(backend, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap()
}

fn share_with(partner: &str) -> Value {
    json!({"type": "share_consent_given", "partner_id": partner, "channel": "phone", "privacy_notice_version": "2026-01"})
}

/// A case shared with the North West partner, and one shared with nobody.
/// An operator reaches the reporter, confirms `partner` and records consent to share with it.
async fn share_case_with(backend: &Backend, reference: &Reference, partner: &str) {
    for event in [
        json!({"type": "call_made", "outcome": "reached"}),
        json!({"type": "assignment_confirmed", "partner_id": partner}),
        share_with(partner),
    ] {
        let (status, body) = event_on(backend, reference, OPERATOR, event).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }
    // The handoff the consent owes goes, as the table's stream has the dispatcher send it.
    backend.dispatch().await;
}

async fn two_cases(backend: &Backend) -> (Reference, Reference) {
    let shared = submit(backend, &event("report-full.json")).await;
    let other = submit(backend, &event("report-full.json")).await;
    backend.run_workers().await;
    share_case_with(backend, &shared, "example-north-west").await;
    (shared, other)
}

/// A valid body of each event type.
fn event_of(kind: &str) -> Value {
    match kind {
        "call_made" => json!({"type": kind, "outcome": "no_answer"}),
        "assignment_confirmed" => json!({"type": kind, "partner_id": "example-north-west"}),
        "share_consent_given" => share_with("example-north-west"),
        "share_consent_refused" => json!({"type": kind, "partner_id": "example-north-west", "channel": "phone"}),
        "police_force_chosen" => json!({"type": kind, "force": "metropolitan"}),
        "consent_withdrawn" => {
            json!({"type": kind, "scope": "partner", "channel": "phone", "privacy_notice_version": "2026-01"})
        }
        "case_closed" => json!({"type": kind, "reason": "done"}),
        "note" => json!({"type": kind, "text": "a note"}),
        "police_decision_recorded" => {
            json!({"type": kind, "consent": "anonymous", "channel": "phone", "privacy_notice_version": "2026-12"})
        }
        _ => json!({"type": kind}),
    }
}

/// Every role × every route × every event type, by rule: who may do what, and (for refusals)
/// that nothing changed.
async fn the_role_route_event_table_holds(backend: Backend) {
    let (shared, _) = two_cases(&backend).await;
    // An advocate whose partner's consent was withdrawn: a case shared, then withdrawn.
    let withdrawn = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    for event in [
        json!({"type": "assignment_confirmed", "partner_id": "example-london"}),
        share_with("example-london"),
        json!({"type": "consent_withdrawn", "scope": "partner", "channel": "phone", "privacy_notice_version": "2026-01"}),
    ] {
        assert_eq!(event_on(&backend, &withdrawn, OPERATOR, event).await.0, StatusCode::CREATED);
    }
    #[derive(Clone, Copy, PartialEq, Debug)]
    enum Who {
        Nobody,
        BadToken,
        Operator,
        Lead,
        OwningAdvocate,
        OtherAdvocate,
        WithdrawnAdvocate,
    }
    use Who::*;
    // Staff last: their events change the case (withdrawal, closing) the advocates act on.
    let roles = [Nobody, BadToken, OwningAdvocate, OtherAdvocate, WithdrawnAdvocate, Operator, Lead];
    let token = |who: Who| match who {
        Nobody => None,
        BadToken => Some("made-up-token"),
        Operator => Some(OPERATOR),
        Lead => Some(LEAD),
        OwningAdvocate | OtherAdvocate => Some(if who == OwningAdvocate { ADVOCATE_NW } else { ADVOCATE_LONDON }),
        WithdrawnAdvocate => Some(ADVOCATE_LONDON),
    };
    // The case each role acts on: the shared one, or for the withdrawn advocate the one withdrawn.
    let case_of = |who: Who| if who == WithdrawnAdvocate { withdrawn.clone() } else { shared.clone() };
    let staff = |who: Who| matches!(who, Operator | Lead);
    let advocate = |who: Who| matches!(who, OwningAdvocate | OtherAdvocate | WithdrawnAdvocate);

    for who in roles {
        let reference = case_of(who);
        let expect = |route: &str| -> StatusCode {
            match (who, route) {
                (Nobody | BadToken, _) => StatusCode::UNAUTHORIZED,
                (_, "list") => StatusCode::OK,
                (Operator | Lead, "get" | "export") => StatusCode::OK,
                (Lead, "audit") => StatusCode::OK,
                (Operator, "audit") => StatusCode::FORBIDDEN,
                (OwningAdvocate, "get") => StatusCode::OK,
                (_, "get") => StatusCode::NOT_FOUND,
                (_, "export" | "audit" | "erase") => StatusCode::FORBIDDEN,
                _ => unreachable!("{route}"),
            }
        };
        for (route, path) in [
            ("list", "/v1/cases".to_string()),
            ("get", format!("/v1/cases/{reference}")),
            ("export", format!("/v1/cases/{reference}/export")),
            ("audit", format!("/v1/cases/{reference}/audit")),
        ] {
            let (status, body) = call(&backend, "GET", &path, token(who), None).await;
            assert_eq!(status, expect(route), "{who:?} GET {path}: {body}");
            if who == OwningAdvocate && route == "get" {
                assert!(body.get("summary").is_none() && body.get("state").is_none(), "{body}");
            }
        }
        if !staff(who) {
            let before = backend.everything_stored().await;
            let (status, body) =
                call(&backend, "POST", &format!("/v1/cases/{reference}/erase"), token(who), None).await;
            assert_eq!(status, expect("erase"), "{who:?} erase: {body}");
            assert_eq!(
                backend.everything_stored().await.len(),
                before.len(),
                "{who:?}: a refused erase changed nothing"
            );
        }
        for kind in oys_shared::casework::EVENT_TYPES {
            let events_before = backend.services.cases.events(&reference).await.unwrap().len();
            let (status, body) = event_on_as(&backend, &reference, token(who), event_of(kind)).await;
            let refused = match who {
                Nobody | BadToken => Some(StatusCode::UNAUTHORIZED),
                OtherAdvocate | WithdrawnAdvocate => Some(StatusCode::NOT_FOUND),
                OwningAdvocate if !matches!(*kind, "note" | "advocate_contact_made") => Some(StatusCode::FORBIDDEN),
                _ => None,
            };
            match refused {
                Some(expected) => {
                    assert_eq!(status, expected, "{who:?} {kind}: {body}");
                    let after = backend.services.cases.events(&reference).await.unwrap().len();
                    assert_eq!(after, events_before, "{who:?} {kind}: refused, nothing stored");
                }
                None if advocate(who) => assert_eq!(status, StatusCode::CREATED, "{who:?} {kind}: {body}"),
                // Staff are authorised for every type: what follows is the case's rules (201, 409, 422).
                None => assert!(
                    ![StatusCode::UNAUTHORIZED, StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status),
                    "{who:?} {kind}: {status} {body}"
                ),
            }
        }
    }
}

async fn every_route_answers_each_role_only_within_its_rights(backend: Backend) {
    let (shared, other) = two_cases(&backend).await;
    let listed = |body: &Value| -> Vec<String> {
        body["cases"].as_array().unwrap().iter().map(|c| c["reference"].as_str().unwrap().to_string()).collect()
    };
    // Listing.
    assert_eq!(call(&backend, "GET", "/v1/cases", None, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(call(&backend, "GET", "/v1/cases", Some("made-up"), None).await.0, StatusCode::UNAUTHORIZED);
    let (status, body) = call(&backend, "GET", "/v1/cases", Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(listed(&body).contains(&shared.to_string()) && listed(&body).contains(&other.to_string()));
    let (_, body) = call(&backend, "GET", "/v1/cases", Some(ADVOCATE_NW), None).await;
    assert_eq!(listed(&body), vec![shared.to_string()], "an advocate lists only what was shared with them");
    let (_, body) = call(&backend, "GET", "/v1/cases", Some(ADVOCATE_LONDON), None).await;
    assert!(listed(&body).is_empty());
    let (status, body) = call(&backend, "GET", "/v1/cases?status=flying", Some(OPERATOR), None).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("status")));

    // One case: (path, token, expected status).
    let case = |r: &Reference| format!("/v1/cases/{r}");
    let matrix: Vec<(&str, String, Option<&str>, StatusCode)> = vec![
        ("GET", case(&shared), None, StatusCode::UNAUTHORIZED),
        ("GET", case(&shared), Some(OPERATOR), StatusCode::OK),
        ("GET", case(&shared), Some(LEAD), StatusCode::OK),
        ("GET", case(&shared), Some(ADVOCATE_NW), StatusCode::OK),
        ("GET", case(&shared), Some(ADVOCATE_LONDON), StatusCode::NOT_FOUND),
        ("GET", case(&other), Some(ADVOCATE_NW), StatusCode::NOT_FOUND),
        ("GET", "/v1/cases/OYS-0000-0000".into(), Some(OPERATOR), StatusCode::NOT_FOUND),
        ("GET", format!("{}/export", case(&shared)), Some(OPERATOR), StatusCode::OK),
        ("GET", format!("{}/export", case(&shared)), Some(ADVOCATE_NW), StatusCode::FORBIDDEN),
        ("GET", format!("{}/audit", case(&shared)), Some(LEAD), StatusCode::OK),
        ("GET", format!("{}/audit", case(&shared)), Some(OPERATOR), StatusCode::FORBIDDEN),
        ("GET", format!("{}/audit", case(&shared)), Some(ADVOCATE_NW), StatusCode::FORBIDDEN),
        ("POST", format!("{}/erase", case(&other)), Some(ADVOCATE_NW), StatusCode::FORBIDDEN),
        ("POST", format!("{}/erase", case(&other)), None, StatusCode::UNAUTHORIZED),
    ];
    for (method, path, token, expected) in matrix {
        let (status, body) = call(&backend, method, &path, token, None).await;
        assert_eq!(status, expected, "{method} {path} as {token:?}: {body}");
    }
    // What an advocate reads: the contact details, no operators' proposal or disclosures.
    // Exactly what the handoff email holds, and their own clock and events.
    let (_, view) = call(&backend, "GET", &case(&shared), Some(ADVOCATE_NW), None).await;
    assert_eq!(view["contact"]["name"], "Chan Tai Man");
    let mut fields: Vec<&str> = view.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "contact",
            "deadlines",
            "description",
            "events",
            "incident_types",
            "interpreter_needed",
            "language",
            "reference",
            "status",
            "support_needs"
        ],
        "{view}"
    );
    // Their list holds no more than that (need to know): no police choice, routes or nation;
    // its deadline is their own call-back's.
    let (_, list) = call(&backend, "GET", "/v1/cases", Some(ADVOCATE_NW), None).await;
    let line = &list["cases"][0];
    let mut fields: Vec<&str> = line.as_object().unwrap().keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["next_due_at", "received_at", "reference", "shared_at", "status"], "{list}");
    let own = view["deadlines"].as_array().unwrap().iter().find(|d| d["kind"] == "advocate_call").unwrap();
    assert_eq!((&line["status"], &line["next_due_at"]), (&view["status"], &own["due_at"]), "{list}");

    // Writes.
    let events_before = backend.services.cases.events(&shared).await.unwrap().len();
    let note = json!({"type": "note", "text": "Called back, will ring again Friday."});
    for (token, event, expected) in [
        (ADVOCATE_NW, json!({"type": "advocate_contact_made"}), StatusCode::CREATED),
        (ADVOCATE_NW, note.clone(), StatusCode::CREATED),
        (ADVOCATE_NW, json!({"type": "assignment_confirmed", "partner_id": "example-london"}), StatusCode::FORBIDDEN),
        (ADVOCATE_NW, json!({"type": "case_closed", "reason": "done"}), StatusCode::FORBIDDEN),
        (ADVOCATE_LONDON, note.clone(), StatusCode::NOT_FOUND),
        (OPERATOR, json!({"type": "assignment_confirmed", "partner_id": "nobody"}), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let (status, body) = event_on(&backend, &shared, token, event.clone()).await;
        assert_eq!(status, expected, "{event} as {token}: {body}");
    }
    assert_eq!(
        backend.services.cases.events(&shared).await.unwrap().len(),
        events_before + 2,
        "refused writes changed nothing"
    );

    // Reports taken by phone: operators only; the public may not claim the channel.
    let mut phoned = serde_json::from_str::<Value>(&event("report-anonymous.json")).unwrap();
    phoned["channel"] = json!("phone");
    let (status, body) = call(&backend, "POST", "/v1/reports", Some(OPERATOR), Some(phoned.clone())).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let taken = Reference::parse(body["reference"].as_str().unwrap()).unwrap();
    assert_eq!(backend.services.reports.get_report(&taken).await.unwrap().unwrap().summary.channel.as_str(), "phone");
    let audit = backend.services.audit.entries(&taken).await.unwrap();
    assert_eq!((audit[0].actor.as_str(), audit[0].action.as_str()), ("operator.local", "report_taken"));
    assert_eq!(
        call(&backend, "POST", "/v1/reports", Some(ADVOCATE_NW), Some(phoned.clone())).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&backend, "POST", "/v1/reports", Some("made-up"), Some(phoned.clone())).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(call(&backend, "POST", "/v1/reports", None, Some(phoned)).await.0, StatusCode::UNPROCESSABLE_ENTITY);

    // Every read by a person is in the audit trail, which a lead can query.
    let (_, trail) = call(&backend, "GET", &format!("{}/audit", case(&shared)), Some(LEAD), None).await;
    let actions: Vec<(&str, &str)> = trail["reads_and_exports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["actor"].as_str().unwrap(), e["action"].as_str().unwrap()))
        .collect();
    assert!(actions.contains(&("advocate.example-north-west", "read")), "{actions:?}");
    assert!(actions.contains(&("operator.local", "export")), "{actions:?}");
    // Reading the trail is a read of the case too: this one and the one before are in it.
    let reads = actions.iter().filter(|a| **a == ("lead.local", "audit_read")).count();
    assert_eq!(reads, 2, "{actions:?}");
    let disclosures = trail["disclosures"].as_array().unwrap();
    assert!(disclosures.iter().any(|d| d["recipient"].as_str().unwrap().contains("north-west.partners.example")));
}

async fn consent_to_share_hands_off_once_and_withdrawal_stops_it(backend: Backend) {
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    let partner_mailbox = "casework@north-west.partners.example";
    let to_partner = || async {
        backend.emails_to(partner_mailbox).await.into_iter().filter(|e| e.subject.contains(reference.as_str())).count()
    };

    let (status, body) = event_on(&backend, &reference, OPERATOR, share_with("example-north-west")).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("partner_not_assigned"))
    );
    assert_eq!(to_partner().await, 0, "nothing leaves before a partner is confirmed");

    event_on(
        &backend,
        &reference,
        OPERATOR,
        json!({"type": "assignment_confirmed", "partner_id": "example-north-west"}),
    )
    .await;
    assert_eq!(to_partner().await, 0, "confirming is not consent");
    let (status, _) = event_on(&backend, &reference, OPERATOR, share_with("example-north-west")).await;
    assert_eq!(status, StatusCode::CREATED);
    let handoff: Vec<_> = backend
        .emails_to(partner_mailbox)
        .await
        .into_iter()
        .filter(|e| e.subject.contains(reference.as_str()))
        .collect();
    assert_eq!(handoff.len(), 1);
    for detail in
        ["Chan Tai Man", "+447700900123", "chan@example.org", "weekday evenings", "Free text of what happened."]
    {
        assert!(handoff[0].text.contains(detail), "the handoff carries {detail}");
    }
    assert!(!handoff[0].text.contains("hong_kong"), "heritage is not the partner's");
    let deadlines = backend.services.deadlines.for_case(&reference).await.unwrap();
    let advocate_clock = deadlines.iter().find(|d| d.kind.as_str() == "advocate_call").expect("the 7-day clock");
    assert_eq!(advocate_clock.due_at.duration_since(advocate_clock.created_at).as_hours(), 7 * 24);
    assert_eq!(backend.services.assignments.partner_caseloads().await.unwrap().get("example-north-west"), Some(&1));

    // Recording consent again sends nothing new.
    event_on(&backend, &reference, OPERATOR, share_with("example-north-west")).await;
    assert_eq!(to_partner().await, 1);

    let withdraw = json!({"type": "consent_withdrawn", "scope": "partner", "channel": "phone", "privacy_notice_version": "2026-01"});
    assert_eq!(event_on(&backend, &reference, OPERATOR, withdraw).await.0, StatusCode::CREATED);
    let notices: Vec<_> = backend
        .emails_to(partner_mailbox)
        .await
        .into_iter()
        .filter(|e| e.subject.starts_with("Consent withdrawn") && e.subject.contains(reference.as_str()))
        .collect();
    assert_eq!(notices.len(), 1);
    assert!(!notices[0].text.contains("Chan Tai Man"), "the withdrawal notice carries the reference only");
    assert_eq!(
        call(&backend, "GET", &format!("/v1/cases/{reference}"), Some(ADVOCATE_NW), None).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(backend.services.assignments.partner_caseloads().await.unwrap().get("example-north-west"), Some(&0));
    let state = backend.services.reports.get_report(&reference).await.unwrap().unwrap().state;
    assert_eq!(state.share.unwrap().record.recorded_by, "operator.local", "who recorded the withdrawal");
}

async fn a_chosen_force_gets_the_referral_unless_police_consent_was_withdrawn(backend: Backend) {
    let mut online = serde_json::from_str::<Value>(&event("report-anonymous.json")).unwrap();
    online["consent"]["police"] = json!("anonymous");
    let chosen = submit(&backend, &online.to_string()).await;
    let withdrawn = submit(&backend, &online.to_string()).await;
    backend.run_workers().await;
    let met = backend.police_mailbox("metropolitan");

    let pick = json!({"type": "police_force_chosen", "force": "metropolitan"});
    assert_eq!(event_on(&backend, &chosen, OPERATOR, pick.clone()).await.0, StatusCode::CREATED);
    // From the public form: choosing the force prepares it; the release sends it.
    assert!(backend.emails_to(&met).await.iter().all(|e| !e.subject.contains(chosen.as_str())));
    let release = json!({"type": "police_referral_released"});
    assert_eq!(event_on(&backend, &chosen, ADVOCATE_NW, release.clone()).await.0, StatusCode::NOT_FOUND);
    assert_eq!(event_on(&backend, &chosen, OPERATOR, release.clone()).await.0, StatusCode::CREATED);
    // The release owes the referral: the police-referral worker sends it.
    backend.run_workers().await;
    let (status, body) = event_on(&backend, &chosen, OPERATOR, release).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("nothing_to_release"))
    );
    let trail = backend.services.audit.entries(&chosen).await.unwrap();
    assert!(trail.iter().any(|a| a.action == "event:police_referral_released" && a.actor == "operator.local"));
    assert_eq!(
        event_on(&backend, &chosen, OPERATOR, json!({"type": "police_force_chosen", "force": "atlantis"})).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let referrals = backend.emails_to(&met).await;
    assert_eq!(referrals.iter().filter(|e| e.subject.contains(chosen.as_str())).count(), 1);

    let withdraw = json!({"type": "consent_withdrawn", "scope": "police", "channel": "webchat", "privacy_notice_version": "2026-01"});
    assert_eq!(event_on(&backend, &withdrawn, OPERATOR, withdraw).await.0, StatusCode::CREATED);
    let (status, body) = event_on(&backend, &withdrawn, OPERATOR, pick).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("no_police_consent"))
    );
    assert_eq!(backend.emails_to(&met).await.iter().filter(|e| e.subject.contains(withdrawn.as_str())).count(), 0);

    // Withdrawn after the referral was sent: the force is told, by reference only, once.
    let withdraw = json!({"type": "consent_withdrawn", "scope": "police", "channel": "phone", "privacy_notice_version": "2026-01"});
    assert_eq!(event_on(&backend, &chosen, OPERATOR, withdraw).await.0, StatusCode::CREATED);
    let to_force = backend.emails_to(&met).await;
    let notices: Vec<_> =
        to_force.iter().filter(|e| e.subject == format!("Consent withdrawn: On Your Side {chosen}")).collect();
    assert_eq!(notices.len(), 1, "{:?}", to_force.iter().map(|e| &e.subject).collect::<Vec<_>>());
    assert!(notices[0].text.len() < 600 && !notices[0].text.contains("What happened"), "{}", notices[0].text);
}

async fn reminders_go_out_once_per_level_on_the_working_day_clock(backend: Backend) {
    // Tuesday 24 Nov 2026, 10:00: the call is due Friday 27 at 17:00, reminder Thursday 17:00.
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    backend.release_police_referral(&reference).await;
    let leads = vec![format!("leads-{}@on-your-side.test", backend.id)];
    let at = |s: &str| backend.clock.set(s.parse::<Timestamp>().unwrap());
    let alerts = |prefix: &'static str| {
        let (backend, reference) = (&backend, reference.clone());
        async move {
            let mut all = backend.emails().await;
            all.extend(backend.emails_to(&format!("leads-{}@on-your-side.test", backend.id)).await);
            all.into_iter().filter(|e| e.subject.starts_with(prefix) && e.subject.contains(reference.as_str())).count()
        }
    };

    at("2026-11-26T16:59:00Z");
    assert_eq!(reminders::run(&backend.services, &leads).await.unwrap().reminders, 0);
    at("2026-11-26T17:00:00Z");
    assert_eq!(reminders::run(&backend.services, &leads).await.unwrap().reminders, 1);
    assert_eq!(
        reminders::run(&backend.services, &leads).await.unwrap(),
        Default::default(),
        "a second run sends nothing"
    );
    at("2026-11-27T17:05:00Z");
    assert_eq!(reminders::run(&backend.services, &leads).await.unwrap().overdue, 1);
    at("2026-11-30T08:59:00Z");
    assert_eq!(
        reminders::run(&backend.services, &leads).await.unwrap().escalations,
        0,
        "not before the next working day opens"
    );
    at("2026-11-30T09:00:00Z");
    assert_eq!(reminders::run(&backend.services, &leads).await.unwrap().escalations, 1);
    assert_eq!((alerts("Reminder").await, alerts("Overdue").await, alerts("Escalation").await), (1, 1, 1));
    let escalation = backend.emails_to(&leads[0]).await;
    assert_eq!(escalation.len(), 1, "escalations go to the leads");
    at("2026-12-30T09:00:00Z");
    let summary = reminders::run(&backend.services, &leads).await.unwrap();
    assert_eq!((summary.reminders, summary.overdue, summary.escalations), (0, 0, 0), "{summary:?}");

    // A deadline met in time sends nothing.
    backend.clock.set("2026-12-01T10:00:00Z".parse().unwrap());
    let second = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    backend.release_police_referral(&second).await;
    event_on(&backend, &second, OPERATOR, json!({"type": "call_made", "outcome": "reached"})).await;
    backend.clock.advance(Duration::from_secs(10 * 24 * 3600));
    let summary = reminders::run(&backend.services, &leads).await.unwrap();
    assert_eq!((summary.reminders, summary.overdue, summary.escalations), (0, 0, 0), "{summary:?}");
}

async fn one_failing_alert_stops_neither_the_others_nor_the_sweeper(mut backend: Backend) {
    let first = submit(&backend, &event("report-full.json")).await;
    let second = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    backend.release_police_referral(&first).await;
    backend.release_police_referral(&second).await;
    let (queue_down, mail_down) = crate::api::with_outages(&mut backend);
    queue_down.fail(true);
    let pending = submit(&backend, &event("report-full.json")).await;
    queue_down.fail(false);
    let leads = vec![format!("leads-{}@on-your-side.test", backend.id)];

    // Both operator-call reminders are due; the first email fails.
    backend.clock.set("2026-11-26T17:00:00Z".parse().unwrap());
    mail_down.fail_next(1);
    let summary = reminders::run(&backend.services, &leads).await.unwrap();
    assert_eq!((summary.failures, summary.reminders, summary.routed), (1, 1, 1), "{summary:?}");
    assert!(backend.services.reports.get_report(&pending).await.unwrap().unwrap().pending.is_empty());
    // The next run sends the one that failed, and nothing twice.
    let summary = reminders::run(&backend.services, &leads).await.unwrap();
    assert_eq!((summary.failures, summary.reminders), (0, 1), "{summary:?}");
    let reminded = |reference: &Reference| {
        let (backend, reference) = (&backend, reference.clone());
        async move {
            backend
                .emails()
                .await
                .iter()
                .filter(|e| e.subject.starts_with("Reminder") && e.subject.contains(reference.as_str()))
                .count()
        }
    };
    assert_eq!((reminded(&first).await, reminded(&second).await), (1, 1));
}

async fn a_case_moved_to_another_partner_gets_its_own_clock_and_none_of_the_first_partners_notes(backend: Backend) {
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    share_case_with(&backend, &reference, "example-north-west").await;
    let note = json!({"type": "note", "text": "NW-PRIVATE-NOTE-5521 about the first calls"});
    assert_eq!(event_on(&backend, &reference, ADVOCATE_NW, note).await.0, StatusCode::CREATED);

    // Two days later the reporter moves to the London partner.
    backend.clock.advance(Duration::from_secs(2 * 24 * 3600));
    let withdraw = json!({"type": "consent_withdrawn", "scope": "partner", "channel": "phone", "privacy_notice_version": "2026-01"});
    for event in [
        withdraw,
        json!({"type": "assignment_confirmed", "partner_id": "example-london"}),
        share_with("example-london"),
    ] {
        let (status, body) = event_on(&backend, &reference, OPERATOR, event.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{event}: {body}");
    }
    let (status, view) = call(&backend, "GET", &format!("/v1/cases/{reference}"), Some(ADVOCATE_LONDON), None).await;
    assert_eq!(status, StatusCode::OK);
    let text = view.to_string();
    assert!(!text.contains("NW-PRIVATE-NOTE-5521") && !text.contains("advocate.example-north-west"), "{text}");
    let clocks = view["deadlines"].as_array().unwrap();
    assert_eq!(clocks.len(), 1, "London sees its own clock only: {view}");
    assert_eq!(clocks[0]["partner_id"], "example-london");

    // London's own 7-day clock: its reminder on day 5 after its handoff, not the first one's.
    let deadlines = backend.services.deadlines.for_case(&reference).await.unwrap();
    let london = deadlines.iter().find(|d| d.partner_id.as_deref() == Some("example-london")).unwrap();
    let north_west = deadlines.iter().find(|d| d.partner_id.as_deref() == Some("example-north-west")).unwrap();
    assert!(north_west.met_at.is_some(), "the withdrawn partner's clock stopped");
    assert_eq!(london.due_at.duration_since(north_west.due_at).as_hours(), 48);
    backend.clock.advance(Duration::from_secs(5 * 24 * 3600));
    let summary = reminders::run(&backend.services, &[]).await.unwrap();
    assert!(summary.reminders >= 1, "{summary:?}");
    let reminders: Vec<_> = backend
        .emails()
        .await
        .into_iter()
        .filter(|e| e.subject.starts_with("Reminder") && e.subject.contains(reference.as_str()))
        .collect();
    assert_eq!(reminders.len(), 1, "{:?}", reminders.iter().map(|e| &e.subject).collect::<Vec<_>>());
}

async fn an_unreleased_police_referral_is_chased_after_one_working_day(backend: Backend) {
    // Friday 27 Nov 2026, 18:00 (after hours): counts from Monday; reminder Tuesday 17:00.
    backend.clock.set("2026-11-27T18:00:00Z".parse().unwrap());
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    let (status, list) = call(&backend, "GET", "/v1/cases", Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK);
    let listed = list["cases"].as_array().unwrap().iter().find(|c| c["reference"] == reference.as_str()).cloned();
    assert_eq!(listed.unwrap()["police_release_pending"], true, "{list}");
    let chased = || {
        let (backend, reference) = (&backend, reference.clone());
        async move {
            let emails = backend.emails().await;
            emails
                .iter()
                .filter(|e| e.subject.starts_with("Reminder") && e.subject.contains(reference.as_str()))
                .filter(|e| e.text.contains("releases the police referral"))
                .count()
        }
    };
    backend.clock.set("2026-12-01T16:59:00Z".parse().unwrap());
    reminders::run(&backend.services, &[]).await.unwrap();
    assert_eq!(chased().await, 0, "not before the end of the first working day");
    backend.clock.set("2026-12-01T17:00:00Z".parse().unwrap());
    reminders::run(&backend.services, &[]).await.unwrap();
    assert_eq!(chased().await, 1);
    // Released: the clock stops and the case leaves the waiting list.
    backend.release_police_referral(&reference).await;
    let (_, list) = call(&backend, "GET", "/v1/cases", Some(OPERATOR), None).await;
    let listed = list["cases"].as_array().unwrap().iter().find(|c| c["reference"] == reference.as_str()).cloned();
    assert_eq!(listed.unwrap()["police_release_pending"], false);
    backend.clock.set("2026-12-10T10:00:00Z".parse().unwrap());
    reminders::run(&backend.services, &[]).await.unwrap();
    let overdue = backend.emails().await;
    assert!(
        !overdue.iter().any(|e| e.subject.starts_with("Overdue") && e.text.contains("releases the police referral")),
        "a released referral is not chased"
    );
}

async fn two_reminder_runs_at_once_send_each_alert_once(backend: Backend) {
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    backend.release_police_referral(&reference).await;
    let leads = vec![format!("leads-{}@on-your-side.test", backend.id)];
    backend.clock.set("2026-11-26T17:00:00Z".parse().unwrap());
    let (a, b) = tokio::join!(reminders::run(&backend.services, &leads), reminders::run(&backend.services, &leads));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.reminders + b.reminders, 1, "{a:?} {b:?}");
    let reminders_sent = backend
        .emails()
        .await
        .iter()
        .filter(|e| e.subject == format!("Reminder: {reference} due Fri 27 Nov 2026 17:00 GMT"))
        .count();
    assert_eq!(reminders_sent, 1);
}

async fn two_operators_changing_one_case_at_once_one_wins_and_nothing_is_half_done(mut backend: Backend) {
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    // Both requests read the case before either writes.
    let mut gated = crate::support::flaky::Flaky::new(backend.services.reports.clone(), Default::default());
    gated.read_gate = Some(crate::support::flaky::ReadGate::pairs());
    backend.services.reports = std::sync::Arc::new(gated);
    let confirm = |partner: &str| json!({"type": "assignment_confirmed", "partner_id": partner});
    let (a, b) = tokio::join!(
        event_on(&backend, &reference, OPERATOR, confirm("example-north-west")),
        event_on(&backend, &reference, LEAD, confirm("example-london")),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "{a:?} {b:?}");
    let loser = if a.0 == StatusCode::CONFLICT { &a.1 } else { &b.1 };
    assert_eq!(loser["errors"][0]["code"], "version_conflict");
    let events = backend.services.cases.events(&reference).await.unwrap();
    assert_eq!(events.len(), 1, "one event stored");
    let state = backend.services.reports.get_report(&reference).await.unwrap().unwrap().state;
    assert_eq!(state.version, 1);
    let winner = if a.0 == StatusCode::CREATED { "example-north-west" } else { "example-london" };
    assert_eq!(state.assigned_partner.as_deref(), Some(winner), "the stored state is the winner's");
    let audited = backend.services.audit.entries(&reference).await.unwrap();
    assert_eq!(audited.iter().filter(|e| e.action == "event:assignment_confirmed").count(), 1);
}

/// Received Wed 23 Dec 2026: Christmas (Fri 25) and the Boxing Day holiday (Mon 28) fall in
/// the working days; reminder Tue 29 17:00, overdue Wed 30 17:00, escalation Thu 31 09:00.
async fn the_clock_runs_across_the_christmas_bank_holidays(backend: Backend) {
    backend.clock.set("2026-12-23T10:00:00Z".parse().unwrap());
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    backend.release_police_referral(&reference).await;
    let leads = vec![format!("leads-{}@on-your-side.test", backend.id)];
    let run_at = |at: &str| {
        backend.clock.set(at.parse().unwrap());
        reminders::run(&backend.services, &leads)
    };
    let sent = |s: &oys_application::reminders::ReminderSummary| (s.reminders, s.overdue, s.escalations);
    assert_eq!(
        sent(&run_at("2026-12-28T17:00:00Z").await.unwrap()),
        (0, 0, 0),
        "Boxing Day holiday: not a working day"
    );
    assert_eq!(sent(&run_at("2026-12-29T16:59:00Z").await.unwrap()), (0, 0, 0));
    assert_eq!(sent(&run_at("2026-12-29T17:00:00Z").await.unwrap()), (1, 0, 0));
    assert_eq!(sent(&run_at("2026-12-30T17:00:00Z").await.unwrap()), (0, 1, 0));
    assert_eq!(sent(&run_at("2026-12-31T08:59:00Z").await.unwrap()), (0, 0, 0));
    assert_eq!(sent(&run_at("2026-12-31T09:00:00Z").await.unwrap()), (0, 0, 1));
    let escalations = backend.emails_to(&leads[0]).await;
    assert!(escalations.iter().any(|e| e.subject.contains(reference.as_str())), "the leads got it");
}

/// A referral still queued when the reporter's data is erased sends nothing; an erasure whose
/// notices failed halfway completes when it is asked again.
async fn erasure_stops_a_queued_referral_and_a_failed_erasure_completes_on_retry(mut backend: Backend) {
    let reference = submit(&backend, &event("report-full.json")).await;
    // Erased before the police worker saw its message.
    let (status, _) = call(&backend, "POST", &format!("/v1/cases/{reference}/erase"), Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK);
    backend.run_workers().await;
    assert!(backend.emails_to(&backend.police_mailbox("greater-manchester")).await.is_empty(), "nothing to the police");
    let released = json!({"type": "police_referral_released"});
    event_on(&backend, &reference, OPERATOR, released).await;
    assert!(backend.emails_to(&backend.police_mailbox("greater-manchester")).await.is_empty(), "nor after a release");

    // A shared case erased while email is down: the data goes at once, the partner's notice is
    // owed in the erasure's write and goes, once, when email is back.
    let partner = "casework@north-west.partners.example";
    let erasure_notices = |emails: Vec<crate::support::Email>, reference: &Reference| {
        emails.iter().filter(|e| e.subject == format!("Erasure request: {reference}")).count()
    };
    let (shared, _) = two_cases(&backend).await;
    let (_, mail_down) = crate::api::with_outages(&mut backend);
    mail_down.fail(true);
    let (status, body) = call(&backend, "POST", &format!("/v1/cases/{shared}/erase"), Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let report = backend.services.reports.get_report(&shared).await.unwrap().unwrap();
    assert!(report.narrative.is_none() && report.contact.is_none(), "erased at once");
    assert_eq!(report.pending, vec![oys_shared::routing::Delivery::ErasureNotices], "the notice is owed");
    assert_eq!(erasure_notices(backend.emails_to(partner).await, &shared), 0, "email is down");
    mail_down.fail(false);
    assert_eq!(erasure_notices(backend.emails_to(partner).await, &shared), 1, "sent when email is back");
    assert_eq!(erasure_notices(backend.emails_to(partner).await, &shared), 1, "and only once");
    assert!(backend.services.reports.get_report(&shared).await.unwrap().unwrap().pending.is_empty());

    // An erasure whose notices could not be owed (the store refused that write): 503 saying
    // what was done; asking again finishes it.
    let (second, _) = two_cases(&backend).await;
    let refuse_writes = crate::support::flaky::Switch::default();
    let reports = backend.services.reports.clone();
    backend.services.reports = std::sync::Arc::new(crate::support::flaky::Flaky::new(reports, refuse_writes.clone()));
    refuse_writes.fail(true);
    let (status, body) = call(&backend, "POST", &format!("/v1/cases/{second}/erase"), Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    // The answer says what was done: the data is gone, the notices are not owed yet.
    assert_eq!(body["erased"], json!(true), "{body}");
    assert_eq!(body["done"], json!(["personal_data", "kept_copies", "audit"]), "{body}");
    assert_eq!(body["not_done"], json!(["erasure_notices"]), "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(!message.contains("nothing was changed") && message.contains("erasure_notices"), "{message}");
    let report = backend.services.reports.get_report(&second).await.unwrap().unwrap();
    assert!(report.narrative.is_none() && report.contact.is_none(), "erased, as the answer said");
    refuse_writes.fail(false);
    let (status, _) = call(&backend, "POST", &format!("/v1/cases/{second}/erase"), Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(erasure_notices(backend.emails_to(partner).await, &second), 1);
    let report = backend.services.reports.get_report(&second).await.unwrap().unwrap();
    assert!(report.narrative.is_none() && report.contact.is_none());
}

/// What an event owes an organisation is owed in the event's own write: with email down the
/// operator's action still succeeds, and the handoff and the withdrawal notice go, once each,
/// when email is back.
async fn a_handoff_and_its_withdrawal_notice_wait_out_an_email_outage(mut backend: Backend) {
    let reference = submit(&backend, &event("report-full.json")).await;
    backend.run_workers().await;
    let partner = "casework@north-west.partners.example";
    let count = |emails: Vec<crate::support::Email>, subject: &str| {
        emails.iter().filter(|e| e.subject.starts_with(subject) && e.subject.contains(reference.as_str())).count()
    };
    let (_, mail_down) = crate::api::with_outages(&mut backend);
    mail_down.fail(true);
    share_case_with(&backend, &reference, "example-north-west").await;
    let pending = backend.services.reports.get_report(&reference).await.unwrap().unwrap().pending;
    assert_eq!(pending, vec![oys_shared::routing::Delivery::PartnerHandoff], "owed with the consent");
    let emails = backend.emails_to(partner).await;
    assert_eq!(emails.iter().filter(|e| e.subject.contains(reference.as_str())).count(), 0, "email is down");
    let deadlines = backend.services.deadlines.for_case(&reference).await.unwrap();
    assert!(deadlines.iter().any(|d| d.kind.as_str() == "advocate_call"), "the advocate's clock runs from the consent");

    mail_down.fail(false);
    let handoff = backend.emails_to(partner).await;
    let ours = |e: &&crate::support::Email| e.text.contains("Chan Tai Man") && e.subject.contains(reference.as_str());
    assert_eq!(handoff.iter().filter(ours).count(), 1, "the handoff, once");

    mail_down.fail(true);
    let withdraw = json!({"type": "consent_withdrawn", "scope": "partner", "channel": "phone", "privacy_notice_version": "2026-01"});
    assert_eq!(event_on(&backend, &reference, OPERATOR, withdraw).await.0, StatusCode::CREATED);
    assert_eq!(count(backend.emails_to(partner).await, "Consent withdrawn"), 0, "email is down");
    mail_down.fail(false);
    assert_eq!(count(backend.emails_to(partner).await, "Consent withdrawn"), 1, "sent when email is back");
    assert_eq!(count(backend.emails_to(partner).await, "Consent withdrawn"), 1, "and only once");
    let all = backend.emails_to(partner).await;
    assert_eq!(all.iter().filter(ours).count(), 1, "no second handoff");
    assert!(backend.services.reports.get_report(&reference).await.unwrap().unwrap().pending.is_empty());
}

/// `POST /v1/cases/{reference}/erase` for each of `references`, all at once, while `reports`
/// more reports arrive: each answer, in the order of `references`.
async fn erase_at_once(backend: &Backend, references: &[Reference], reports: usize) -> Vec<(StatusCode, Value)> {
    let router = backend.full_router();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, reference) in references.iter().enumerate() {
        let (router, path) = (router.clone(), format!("/v1/cases/{reference}/erase"));
        tasks.spawn(async move {
            let request = Request::post(&path).header("authorization", format!("Bearer {OPERATOR}"));
            let response = router.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
            let (status, _, bytes) = crate::support::contract::read("POST", &path, response).await;
            Some((i, status, serde_json::from_slice(&bytes).unwrap_or(Value::Null)))
        });
    }
    for _ in 0..reports {
        let router = router.clone();
        tasks.spawn(async move {
            let request = Request::post("/v1/reports").header("content-type", "application/json");
            let response = router.oneshot(request.body(Body::from(event("report-full.json"))).unwrap()).await.unwrap();
            assert_eq!(response.status(), StatusCode::CREATED, "a report sent during the erasures is taken");
            None
        });
    }
    let mut answers = vec![(StatusCode::IM_A_TEAPOT, Value::Null); references.len()];
    while let Some(done) = tasks.join_next().await {
        if let Some((i, status, body)) = done.unwrap() {
            answers[i] = (status, body);
        }
    }
    answers
}

/// Erasing while others report and erase: each erasure is answered truthfully (it was done, so
/// 200), and each erased case's copies in the local outbox are gone. Two bugs this held: the
/// erase transaction once began as a read and met "database is locked"; and each erasure
/// scanned the whole outbox, so one reading a file another had just deleted answered 503
/// "nothing was changed" for a case whose data it had erased (45-56 of 60, 8 at a time).
async fn erasing_while_others_write_never_answers_503(backend: Backend) {
    let mut references = Vec::new();
    for _ in 0..24 {
        references.push(submit(&backend, &event("report-full.json")).await);
    }
    backend.run_workers().await;
    let about = |emails: &[crate::support::Email], reference: &Reference| {
        emails.iter().filter(|e| e.raw.contains(reference.as_str())).count()
    };
    if backend.is_embedded() {
        let emails = backend.all_emails().await;
        assert!(references.iter().all(|r| about(&emails, r) > 0), "each case has a copy in the outbox to erase");
    }
    for batch in references.chunks(8) {
        let answers = erase_at_once(&backend, batch, 2).await;
        for (reference, (status, body)) in batch.iter().zip(&answers) {
            assert_eq!((*status, &body["erased"]), (StatusCode::OK, &json!(true)), "{reference}: {body}");
            let report = backend.services.reports.get_report(reference).await.unwrap().unwrap();
            assert!(report.narrative.is_none() && report.contact.is_none(), "{reference}");
        }
    }
    if backend.is_embedded() {
        let emails = backend.all_emails().await;
        for reference in &references {
            assert_eq!(about(&emails, reference), 0, "{reference}: its outbox copies are gone");
        }
    }
}

/// What a run of generated requests against `cargo run` found, each kept fixed.
async fn the_generated_request_findings_stay_fixed(backend: Backend) {
    let (_, other) = two_cases(&backend).await;
    // Authentication first, and every answer JSON: a bad query without a token is 401.
    let (status, body) = call(&backend, "GET", "/v1/cases?status=open&status=open", None, None).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthenticated")));
    let (status, body) = call(&backend, "GET", "/v1/cases?status=open&status=open", Some(OPERATOR), None).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("too_many")));
    // due_before takes a date as well as a date-time.
    for due in ["2026-12-01", "2026-12-01T09:00:00Z"] {
        let (status, body) = call(&backend, "GET", &format!("/v1/cases?due_before={due}"), Some(OPERATOR), None).await;
        assert_eq!(status, StatusCode::OK, "{due}: {body}");
    }
    let (status, body) = call(&backend, "GET", "/v1/cases?due_before=soon", Some(OPERATOR), None).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_date_time"))
    );
    // An unknown case: 404 about the reference, not about credentials.
    let (status, body) = call(&backend, "GET", "/v1/cases/OYS-0000-0000", Some(OPERATOR), None).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::NOT_FOUND, Some("reference")));
    // Each refusal in its own words.
    let (status, body) = event_on(&backend, &other, OPERATOR, json!({"type": "advocate_contact_made"})).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("not_shared")));
    assert!(!body["errors"][0]["message"].as_str().unwrap().contains("helpline operator"), "{body}");
    let (_, body) = event_on(&backend, &other, OPERATOR, json!({"type": "note", "text": "x", "colour": "red"})).await;
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("note event") && !message.contains("report form"), "{message}");
}

const PLANTED: &[&str] = &[
    "Zhao Erasename",
    "07700 900555",
    "+447700900555",
    "erase.me@example.org",
    "ERASE-DESCRIPTION-4411",
    "ERASE-NOTE-9921",
    "ERASE-PERP-2210",
    "ERASE-SAFE-TIMES",
    "ERASE-POLICE-REF",
    "LS2 7UE",
    "Erasetown",
    "04:13",
];

fn erasable_report() -> String {
    json!({
        "language": "en",
        "reporter": {"role": "victim", "heritage": ["malaysia"]},
        "contact": {"name": "Zhao Erasename", "phone": "07700 900555", "email": "erase.me@example.org", "safe_times": "ERASE-SAFE-TIMES"},
        "incident": {
            "occurred_on": "2026-11-20", "occurred_at": "04:13",
            "location": {"postcode": "LS2 7UE", "town": "Erasetown"}, "types": ["threats"],
            "description": "ERASE-DESCRIPTION-4411", "reported_to_police_already": true, "police_reference": "ERASE-POLICE-REF"
        },
        "perpetrators": {"description": "ERASE-PERP-2210"},
        "consent": {"police": "no", "advocate_support": true, "support_needs": ["legal_help"], "privacy_notice_version": "2026-01"}
    })
    .to_string()
}

async fn erasure_leaves_only_the_categories(backend: Backend) {
    let reference = submit(&backend, &erasable_report()).await;
    backend.run_workers().await;
    // Shared with a partner, which must be told of the erasure.
    share_case_with(&backend, &reference, "example-north-west").await;
    // More than 1 MB of notes: a store query returns them over several pages.
    let long_note = format!("ERASE-LONG-NOTE {}", "x".repeat(9_900));
    for _ in 0..110 {
        let (status, _) = event_on(&backend, &reference, OPERATOR, json!({"type": "note", "text": long_note})).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    event_on(
        &backend,
        &reference,
        OPERATOR,
        json!({"type": "note", "text": "ERASE-NOTE-9921 said her husband reads her texts"}),
    )
    .await;
    let before = backend.everything_stored().await;
    for stored in [
        "Zhao Erasename",
        "+447700900555",
        "erase.me@example.org",
        "ERASE-DESCRIPTION-4411",
        "ERASE-NOTE-9921",
        "ERASE-PERP-2210",
    ] {
        assert!(before.contains(stored), "{stored} was stored, so its absence later means something");
    }

    let (status, _) = call(&backend, "POST", &format!("/v1/cases/{reference}/erase"), Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK);
    let after = backend.everything_stored().await;
    for planted in PLANTED.iter().chain(&["ERASE-LONG-NOTE"]) {
        assert!(!after.contains(planted), "{planted} survived erasure");
    }
    // The partner that received the details is told, by reference only, once.
    let partner = backend.emails_to("casework@north-west.partners.example").await;
    let notices: Vec<_> = partner.iter().filter(|e| e.subject == format!("Erasure request: {reference}")).collect();
    assert_eq!(notices.len(), 1, "{:?}", partner.iter().map(|e| &e.subject).collect::<Vec<_>>());
    for planted in PLANTED {
        assert!(!notices[0].text.contains(planted), "the erasure notice holds {planted}");
    }
    if let Some(files) = backend.database_files() {
        // secure_delete: the bytes on disk, not only what a query returns.
        for file in files {
            let bytes = std::fs::read(&file).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            for planted in PLANTED {
                assert!(!text.contains(planted), "{planted} is still in the bytes of {}", file.display());
            }
        }
    }
    if backend.is_embedded() {
        // The local outbox keeps no copy of what was sent about the case, save the notice. (Its
        // `Date:` header is when it was written: at 04:13 UTC it would hold a planted "04:13".)
        let without_date = |raw: &str| raw.lines().filter(|l| !l.starts_with("Date:")).collect::<Vec<_>>().join("\n");
        let outbox: String = backend
            .all_emails()
            .await
            .iter()
            .map(|e| format!("{}\n{}\n{}", e.subject, e.text, without_date(&e.raw)))
            .collect();
        for planted in PLANTED {
            assert!(!outbox.contains(planted), "{planted} survived in the outbox");
        }
    }
    // Words cannot be added to an erased case.
    let (status, body) =
        event_on(&backend, &reference, OPERATOR, json!({"type": "note", "text": "ERASE-NOTE-AFTER"})).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("case_erased")));
    assert!(!backend.everything_stored().await.contains("ERASE-NOTE-AFTER"));
    let report = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    assert!(report.narrative.is_none() && report.contact.is_none() && report.state.erased_at.is_some());
    assert_eq!(report.summary.incident_types[0].as_str(), "threats", "categories stay for statistics");
    let (status, export) = call(&backend, "GET", &format!("/v1/cases/{reference}/export"), Some(OPERATOR), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(export["report"]["contact"].is_null());
    assert!(export.get("audit").is_none(), "who read the case is for leads: {export}");
    let (status, lead_export) = call(&backend, "GET", &format!("/v1/cases/{reference}/export"), Some(LEAD), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(lead_export["audit"].as_array().is_some_and(|a| !a.is_empty()), "{lead_export}");
    let actions: Vec<String> =
        backend.services.audit.entries(&reference).await.unwrap().into_iter().map(|a| a.action).collect();
    assert!(actions.contains(&"erase".to_string()));
}

async fn personal_data_expires_from_the_start_contact_details_first(backend: Backend) {
    // Contact details 10 days, the rest 30 days after the last activity (TEST_RETENTION).
    let reference = submit(&backend, &erasable_report()).await;
    backend.run_workers().await;
    let run = || async { reminders::run(&backend.services, &[]).await.unwrap() };
    let day = |n: u64| Duration::from_secs(n * 24 * 3600);
    let stored = || async { backend.services.reports.get_report(&reference).await.unwrap().unwrap() };

    // Nobody touches the case: the operators are told ahead of time, once, by reference.
    backend.clock.advance(day(9));
    let summary = run().await;
    assert_eq!((summary.purged, summary.contact_details_purged, summary.retention_warnings), (0, 0, 1), "{summary:?}");
    assert_eq!(run().await.retention_warnings, 0, "warned once");
    let warnings: Vec<_> = backend.emails().await.into_iter().filter(|e| e.subject.starts_with("Retention:")).collect();
    assert_eq!(warnings.len(), 1);
    for planted in PLANTED {
        assert!(!warnings[0].text.contains(planted) && !warnings[0].subject.contains(planted));
    }
    assert!(stored().await.contact.is_some(), "kept until its expiry");

    // Day 10: the contact details go; what happened stays a while.
    backend.clock.advance(day(1));
    assert_eq!(run().await.contact_details_purged, 1);
    let report = stored().await;
    assert!(report.contact.is_none() && report.narrative.is_some() && report.state.erased_at.is_none());
    let everything = backend.everything_stored().await;
    for contact in ["Zhao Erasename", "+447700900555", "erase.me@example.org"] {
        assert!(!everything.contains(contact), "{contact} outlived its retention");
    }

    // Activity on day 12 keeps the rest 30 days from then, not from the report.
    backend.clock.advance(day(2));
    event_on(&backend, &reference, OPERATOR, json!({"type": "note", "text": "ERASE-NOTE-9921 still in touch"})).await;
    backend.clock.advance(day(29));
    assert_eq!(run().await.purged, 0, "day 41: within 30 days of the note");
    backend.clock.advance(day(1));
    assert_eq!(run().await.purged, 1, "day 42");
    let after = backend.everything_stored().await;
    for planted in PLANTED {
        assert!(!after.contains(planted), "{planted} outlived retention");
    }
    assert_eq!(run().await.purged, 0, "purged once");
}

async fn a_closed_case_expires_too(backend: Backend) {
    let reference = submit(&backend, &erasable_report()).await;
    backend.run_workers().await;
    event_on(
        &backend,
        &reference,
        OPERATOR,
        json!({"type": "case_closed", "reason": "ERASE-NOTE-9921 no further help"}),
    )
    .await;
    backend.clock.advance(Duration::from_secs(29 * 24 * 3600));
    let summary = reminders::run(&backend.services, &[]).await.unwrap();
    assert_eq!((summary.purged, summary.retention_warnings), (0, 0), "closed cases are not flagged: {summary:?}");
    backend.clock.advance(Duration::from_secs(2 * 24 * 3600));
    assert_eq!(reminders::run(&backend.services, &[]).await.unwrap().purged, 1);
    let after = backend.everything_stored().await;
    for planted in PLANTED {
        assert!(!after.contains(planted), "{planted} outlived retention");
    }
}

/// "Not sure yet, talk it through first": nothing goes to the police, the case list says so,
/// and when the reporter decides, an operator records it and the referral goes at once (no
/// release to wait for: a person heard the decision), once; a second decision is refused.
async fn a_reporter_not_sure_about_the_police_decides_on_a_call(backend: Backend) {
    let mut report = serde_json::from_str::<Value>(&event("report-anonymous.json")).unwrap();
    report["consent"]["police"] = json!("not_sure");
    report["incident"]["location"] = json!({"postcode": "M1 1AE", "place_type": "street"});
    report["contact"] = json!({"phone": "07700 900123"});
    let decides_yes = submit(&backend, &report.to_string()).await;
    let decides_no = submit(&backend, &report.to_string()).await;
    let decides_with_contact = submit(&backend, &report.to_string()).await;
    backend.run_workers().await;
    let manchester = backend.police_mailbox("greater-manchester");
    let referral_of = |reference: &Reference| {
        let reference = reference.to_string();
        let backend = &backend;
        let manchester = manchester.clone();
        async move {
            let sent: Vec<_> =
                backend.emails_to(&manchester).await.into_iter().filter(|e| e.subject.contains(&reference)).collect();
            sent
        }
    };
    assert!(referral_of(&decides_yes).await.is_empty(), "not sure: nothing went to the police");
    let (_, list) = call(&backend, "GET", "/v1/cases", Some(OPERATOR), None).await;
    let listed = |reference: &Reference| {
        list["cases"].as_array().unwrap().iter().find(|c| c["reference"] == reference.as_str()).cloned().unwrap()
    };
    assert_eq!(listed(&decides_yes)["police_undecided"], json!(true), "{list}");
    // On the operators' call list, though the reporter wants no advocate.
    let undecided: CaseListing = serde_json::from_value(listed(&decides_yes)).unwrap();
    let queue = oys_shared::work_queue::work_queue(vec![(undecided, vec![])], backend.services.clock.now());
    let call_back = queue.iter().find(|(section, _)| *section == oys_shared::work_queue::QueueSection::CallBack);
    assert_eq!(call_back.unwrap().1.len(), 1, "to be called back");

    // An advocate may not record it; an operator records what the reporter decided.
    let decision = |consent: &str| json!({"type": "police_decision_recorded", "consent": consent, "channel": "phone", "privacy_notice_version": "2026-12"});
    let (status, _) = event_on(&backend, &decides_yes, ADVOCATE_NW, decision("anonymous")).await;
    assert!([StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&status), "{status}");
    let (status, _) = event_on(&backend, &decides_yes, OPERATOR, decision("not_sure")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a decision is no 'not sure'");
    assert_eq!(event_on(&backend, &decides_yes, OPERATOR, decision("anonymous")).await.0, StatusCode::CREATED);
    backend.run_workers().await;
    assert_eq!(referral_of(&decides_yes).await.len(), 1, "the referral went, with no release to wait for");
    let (status, body) = event_on(&backend, &decides_yes, OPERATOR, decision("with_contact_details")).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("no_police_decision_pending"))
    );
    backend.run_workers().await;
    let sent = referral_of(&decides_yes).await;
    assert_eq!(sent.len(), 1, "once");
    assert!(!sent[0].text.contains("7700900123"), "anonymous: the phone stays with us");
    let state = backend.services.reports.get_report(&decides_yes).await.unwrap().unwrap().state;
    assert_eq!(state.police_decided.unwrap().record.recorded_by, "operator.local");

    assert_eq!(event_on(&backend, &decides_no, OPERATOR, decision("no")).await.0, StatusCode::CREATED);
    backend.run_workers().await;
    assert!(referral_of(&decides_no).await.is_empty());
    let (_, list) = call(&backend, "GET", "/v1/cases", Some(OPERATOR), None).await;
    let still = list["cases"].as_array().unwrap().iter().find(|c| c["reference"] == decides_no.as_str()).cloned();
    assert_eq!(still.unwrap()["police_undecided"], json!(false), "decided: off the call list");

    // With contact details: the police get the phone the reporter gave, as they agreed.
    let with_contact = decision("with_contact_details");
    assert_eq!(event_on(&backend, &decides_with_contact, OPERATOR, with_contact).await.0, StatusCode::CREATED);
    backend.run_workers().await;
    let sent = referral_of(&decides_with_contact).await;
    assert!(sent.len() == 1 && sent[0].text.contains("+447700900123"), "{sent:?}");
}

on_both_backends!(
    a_reporter_not_sure_about_the_police_decides_on_a_call,
    the_role_route_event_table_holds,
    every_route_answers_each_role_only_within_its_rights,
    consent_to_share_hands_off_once_and_withdrawal_stops_it,
    a_chosen_force_gets_the_referral_unless_police_consent_was_withdrawn,
    reminders_go_out_once_per_level_on_the_working_day_clock,
    erasure_leaves_only_the_categories,
    personal_data_expires_from_the_start_contact_details_first,
    a_closed_case_expires_too,
    one_failing_alert_stops_neither_the_others_nor_the_sweeper,
    a_case_moved_to_another_partner_gets_its_own_clock_and_none_of_the_first_partners_notes,
    an_unreleased_police_referral_is_chased_after_one_working_day,
    two_reminder_runs_at_once_send_each_alert_once,
    two_operators_changing_one_case_at_once_one_wins_and_nothing_is_half_done,
    the_clock_runs_across_the_christmas_bank_holidays,
    erasure_stops_a_queued_referral_and_a_failed_erasure_completes_on_retry,
    a_handoff_and_its_withdrawal_notice_wait_out_an_email_outage,
    erasing_while_others_write_never_answers_503,
    the_generated_request_findings_stay_fixed,
);

/// 10,000 cases (200 on moto: it slows down badly as one table grows), 10 deadlines due: the
/// job reads 10.
async fn the_reminder_job_reads_what_is_due_not_every_case(
    backend: Backend,
    cases: usize,
    scanned: crate::support::scanned::ScannedCounter,
) {
    const DEADLINE_INDEX: &str = "deadlines-due";
    use oys_application::ports::NewReport;
    use oys_shared::case_record::split_report;
    use oys_shared::deadlines::{Deadline, DeadlineKind};
    use oys_shared::report::{parse_report, Submitter};

    let backend = backend;
    let now: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
    let report =
        parse_report(&serde_json::from_str(&event("report-full.json")).unwrap(), now, Submitter::Public).unwrap();
    let due_at: Timestamp = "2026-11-27T17:00:00Z".parse().unwrap();
    let far: Timestamp = "2027-11-27T17:00:00Z".parse().unwrap();
    for i in 0..cases {
        let reference = Reference::from_entropy(0x10_0000_0000 + i as u64);
        let parts = split_report(report.clone(), uuid::Uuid::new_v4(), reference.clone(), now);
        let new = NewReport {
            count: oys_shared::statistics::CountChange::of(&parts.summary, 1),
            listing: oys_shared::casework::CaseListing::of(&parts.summary, &Default::default()),
            receipt_hash: "sha256:stored-with-the-report".into(),
            outbox: oys_application::ports::OutboxRow::new(&parts.summary.reference, now),
            summary: parts.summary,
            narrative: parts.narrative,
            contact: parts.contact,
            pending: vec![],
            sweep_after: now,
            idempotency: None,
            state: Default::default(),
        };
        backend.services.reports.create_report(&new, now).await.unwrap();
        let remind = if i < 10 { due_at } else { far };
        let deadline = Deadline {
            reference,
            kind: DeadlineKind::OperatorCall,
            remind_at: remind,
            due_at: remind.checked_add(jiff::SignedDuration::from_hours(24)).unwrap(),
            next_alert_at: Some(remind),
            created_at: now,
            calendar_covered: true,
            sent: vec![],
            met_at: None,
            partner_id: None,
        };
        backend.services.deadlines.save_deadline(&deadline).await.unwrap();
    }
    backend.clock.set(due_at);
    // What the adapter itself reads: SQLite's plan searches the index; DynamoDB reports how many
    // items its queries of the deadlines index examined (ScannedCount), seen on the wire.
    if let Some(plan) = backend.query_plan(oys_embedded::DEADLINES_DUE_SQL) {
        assert!(plan.contains("USING INDEX deadlines_due") && !plan.contains("SCAN deadlines"), "{plan}");
        println!("SQLite plan of the reminder job's query: {plan}");
    }
    scanned.reset();
    let summary = reminders::run(&backend.services, &[]).await.unwrap();
    assert_eq!(summary.reminders, 10, "{summary:?}");
    if !backend.is_embedded() {
        let examined = scanned.on_index(DEADLINE_INDEX);
        println!("{cases} cases, 10 due: DynamoDB examined {examined} items of the deadlines index");
        assert_eq!(examined, 10, "the job's query examined only the due deadlines");
    }
}

#[tokio::test]
async fn the_reminder_job_reads_10_of_10000_cases_embedded() {
    the_reminder_job_reads_what_is_due_not_every_case(Backend::embedded().await, 10_000, Default::default()).await;
}

#[cfg(feature = "installed-tools")]
#[tokio::test]
async fn the_reminder_job_reads_10_of_200_cases_on_dynamodb() {
    let scanned = crate::support::scanned::ScannedCounter::default();
    the_reminder_job_reads_what_is_due_not_every_case(scanned.moto_backend().await, 200, scanned).await;
}
