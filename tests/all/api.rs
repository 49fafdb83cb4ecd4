//! `POST /v1/reports` as a reporter's browser uses it, on both adapter sets: answers, and what
//! is stored, queued and emailed as a result (or, for bad input, that nothing is).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use oys_application::intake::sweep_pending_routing;
use oys_application::ports::{Mailer, MessageQueue};
use oys_shared::routing::{Delivery, Route, RoutingMessage};
use oys_shared::Reference;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::flaky::{Flaky, Switch};
use crate::support::{event, Backend};
use oys_test_support::on_both_backends;

pub use crate::support::requests::{post, post_json, Answer};

fn reference_of(answer: &Answer) -> Reference {
    let text = answer.json["reference"].as_str().expect("a reference");
    let reference = Reference::parse(text).expect("a valid reference");
    assert_eq!(reference.as_str(), text, "references are sent in canonical form");
    reference
}

fn messages(bodies: &[String]) -> Vec<RoutingMessage> {
    bodies.iter().map(|b| serde_json::from_str(b).expect("a routing message")).collect()
}

async fn a_full_report_is_stored_routed_and_alerted(backend: Backend) {
    let answer = post_json(&backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let reference = reference_of(&answer);
    assert!(reference.as_str().starts_with("OYS-"));
    assert_eq!(answer.json["routes"], json!(["police_referral", "advocate_assignment"]));
    assert!(answer.json["next_steps"].as_str().unwrap().contains("3 個工作天"), "answered in the form's language");

    let stored = backend.services.reports.get_report(&reference).await.unwrap().expect("stored");
    let contact = stored.contact.expect("contact kept");
    assert_eq!(contact.phone.unwrap().as_str(), "+447700900123");
    let narrative = stored.narrative.expect("narrative kept");
    assert_eq!(narrative.postcode.unwrap().to_string(), "M1 1AE");
    // The request wrote what it owes and sent nothing: the outbox row has the dispatcher send it.
    assert_eq!(stored.pending.len(), 3, "both routes and the alert owed: {:?}", stored.pending);
    let outbox = backend.services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap();
    assert_eq!(outbox.iter().filter(|row| row.reference == reference).count(), 1, "one outbox row");
    let drained = backend.dispatch().await;
    assert!(drained.dispatched >= 1 && drained.failed == 0, "{drained:?}");
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    assert!(stored.pending.is_empty(), "every delivery done, nothing left for the sweeper");
    let outbox = backend.services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap();
    assert!(!outbox.iter().any(|row| row.reference == reference), "the row cleared");

    for route in [Route::PoliceReferral, Route::AdvocateAssignment] {
        let queued = messages(&backend.drain(route).await);
        assert_eq!(queued.len(), 1, "{route}: one message");
        assert_eq!((queued[0].route, &queued[0].reference), (route, &reference));
        assert_eq!(queued[0].report_id, stored.summary.report_id);
        assert_eq!(queued[0].routes, vec![Route::PoliceReferral, Route::AdvocateAssignment]);
    }
    let emails = backend.emails().await;
    assert_eq!(emails.len(), 1);
    assert!(emails[0].subject.contains(reference.as_str()));
    assert!(emails[0].text.contains("police_referral, advocate_assignment"));
}

async fn an_anonymous_report_is_alerted_but_routed_nowhere(backend: Backend) {
    let answer = post_json(&backend, &event("report-anonymous.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    assert_eq!(answer.json["routes"], json!([]));
    assert!(answer.json["next_steps"].as_str().unwrap().contains("will not contact you"));
    let stored = backend.services.reports.get_report(&reference_of(&answer)).await.unwrap().unwrap();
    assert_eq!(stored.contact, None);
    assert!(backend.drain(Route::PoliceReferral).await.is_empty());
    assert!(backend.drain(Route::AdvocateAssignment).await.is_empty());
    assert_eq!(backend.emails().await.len(), 1, "operators still hear of every report");
}

async fn an_invalid_report_gets_every_error_and_changes_nothing(backend: Backend) {
    let answer = post_json(&backend, &event("report-invalid.json")).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = answer.json["errors"].as_array().unwrap();
    let got: Vec<(&str, &str)> =
        errors.iter().map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap())).collect();
    for expected in [
        ("reporter.role", "invalid_choice"),
        ("contact.email", "invalid_email"),
        ("incident.occurred_on", "in_future"),
        ("incident.location.postcode", "invalid_postcode"),
        ("incident.types", "required"),
        ("incident.description", "required"),
        ("consent.privacy_notice_version", "required"),
        ("contact.phone", "required_for_advocate"),
    ] {
        assert!(got.contains(&expected), "missing {expected:?} in {got:?}");
    }
    // The email was given (though invalid), so police contact is not reported missing too.
    assert!(!got.contains(&("contact", "required_for_police_contact")));
    for error in errors {
        let message = error["message"].as_str().unwrap();
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "zh-Hant message: {message}");
    }
    assert_eq!(backend.case_count().await, 0);
    assert!(backend.drain(Route::PoliceReferral).await.is_empty());
    assert!(backend.drain(Route::AdvocateAssignment).await.is_empty());
    assert!(backend.emails().await.is_empty());
}

async fn the_no_script_form_is_accepted(backend: Backend) {
    let answer = post(backend.router(), "application/x-www-form-urlencoded", &[], event("report-form.txt")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    assert_eq!(answer.json["routes"], json!(["police_referral", "advocate_assignment"]));
    let stored = backend.services.reports.get_report(&reference_of(&answer)).await.unwrap().unwrap();
    assert_eq!(stored.narrative.unwrap().postcode.unwrap().to_string(), "EH1 1YZ");
    assert_eq!(stored.summary.nation.as_str(), "scotland");
    assert_eq!(stored.contact.unwrap().phone.unwrap().as_str(), "+441314960000");
    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1);
}

async fn a_repeated_idempotency_key_answers_the_same_and_creates_nothing(backend: Backend) {
    let key = [("idempotency-key", "7d0c2a51-retry-after-lost-signal")];
    let body = event("report-full.json");
    let first = post(backend.router(), "application/json", &key, body.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert!(!first.replayed);

    // Same body, other key order and spacing: still the same request.
    let reordered = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&body).unwrap()).unwrap();
    let again = post(backend.router(), "application/json", &key, reordered).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert!(again.replayed);
    let (mut again_json, mut first_json) = (again.json.clone(), first.json.clone());
    let (new_receipt, old_receipt) = (again_json["follow_up_receipt"].take(), first_json["follow_up_receipt"].take());
    assert_eq!(again_json, first_json, "the first answer, reference and all");
    assert!(new_receipt.is_string() && old_receipt.is_string());
    assert_ne!(new_receipt, old_receipt, "the repeat is shown a new receipt: the first may never have arrived");

    let different = post(backend.router(), "application/json", &key, event("report-anonymous.json")).await;
    assert_eq!(different.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(different.json["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(different.json["errors"][0]["code"], "idempotency_key_reused");

    assert_eq!(backend.case_count().await, 1);
    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1);
    assert_eq!(backend.drain(Route::AdvocateAssignment).await.len(), 1);
    assert_eq!(backend.emails().await.len(), 1);
}

async fn bodies_the_endpoint_cannot_take_are_refused_and_change_nothing(backend: Backend) {
    let huge = format!(r#"{{"language":"en","incident":{{"description":"{}"}}}}"#, "x".repeat(300 * 1024));
    let answer = post(backend.router(), "application/json", &[], huge).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(answer.json["errors"][0]["code"], "body_too_large");

    let answer = post(backend.router(), "text/plain", &[], event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let answer = post(backend.router(), "application/json", &[], "{\"language\": \"en\",").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.json["errors"][0]["code"], "malformed_body");

    let answer = post(backend.router(), "application/json", &[], "[1,2,3]").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    let long_key = "k".repeat(129);
    for key in [long_key.as_str(), "has space", "ключ"] {
        let request = Request::post("/v1/reports")
            .header("content-type", "application/json")
            .header("idempotency-key", axum::http::HeaderValue::from_bytes(key.as_bytes()).unwrap())
            .body(Body::from(event("report-full.json")))
            .unwrap();
        let response = backend.router().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "key {key:?}");
    }

    assert_eq!(backend.case_count().await, 0);
    assert!(backend.drain(Route::PoliceReferral).await.is_empty());
    assert!(backend.emails().await.is_empty());
}

/// The same backend with its queue and mailer behind switches that can fail them.
pub fn with_outages(backend: &mut Backend) -> (Switch, Switch) {
    let (queue_switch, mail_switch) = (Switch::default(), Switch::default());
    let queue: Arc<dyn MessageQueue> = backend.services.queue.clone();
    let mailer: Arc<dyn Mailer> = backend.services.mailer.clone();
    backend.services.queue = Arc::new(Flaky::new(queue, queue_switch.clone()));
    backend.services.mailer = Arc::new(Flaky::new(mailer, mail_switch.clone()));
    (queue_switch, mail_switch)
}

async fn a_report_accepted_during_an_outage_is_routed_by_the_sweeper_once(mut backend: Backend) {
    let (queue_down, mail_down) = with_outages(&mut backend);
    queue_down.fail(true);
    mail_down.fail(true);
    let answer = post_json(&backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "stored, so accepted: {}", answer.json);
    let reference = reference_of(&answer);
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    assert_eq!(stored.pending, vec![Delivery::PoliceReferral, Delivery::AdvocateAssignment, Delivery::OperatorAlert]);
    assert!(backend.emails().await.is_empty());

    // SQS is back, SES still down: the sweeper waits out the grace period, then sends what it can.
    queue_down.fail(false);
    let summary = sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!(summary.due, 0, "not before the grace period");
    backend.clock.advance(Duration::from_secs(121));
    let summary = sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!((summary.due, summary.claimed, summary.completed), (1, 1, 0));
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    assert_eq!(stored.pending, vec![Delivery::OperatorAlert]);

    // SES is back; after the lease the next sweep sends only the alert.
    mail_down.fail(false);
    backend.clock.advance(Duration::from_secs(301));
    let summary = sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!((summary.claimed, summary.completed), (1, 1));
    backend.clock.advance(Duration::from_secs(3600));
    assert_eq!(sweep_pending_routing(&backend.services, 10).await.unwrap().due, 0, "nothing left to do");

    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1, "one message per route, whatever the retries");
    assert_eq!(backend.drain(Route::AdvocateAssignment).await.len(), 1);
    assert_eq!(backend.emails().await.len(), 1);
}

async fn two_sweeps_at_once_route_each_delivery_once(mut backend: Backend) {
    let (queue_down, mail_down) = with_outages(&mut backend);
    queue_down.fail(true);
    mail_down.fail(true);
    let answer = post_json(&backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    queue_down.fail(false);
    mail_down.fail(false);
    backend.clock.advance(Duration::from_secs(121));
    let (a, b) =
        tokio::join!(sweep_pending_routing(&backend.services, 10), sweep_pending_routing(&backend.services, 10));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.claimed + b.claimed, 1, "{a:?} {b:?}");
    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1);
    assert_eq!(backend.drain(Route::AdvocateAssignment).await.len(), 1);
    assert_eq!(backend.emails().await.len(), 1);
}

async fn one_idempotency_key_posted_twice_at_once_makes_one_report(backend: Backend) {
    let key = [("idempotency-key", "same-key-at-once")];
    let body = event("report-full.json");
    let (a, b) = tokio::join!(
        post(backend.router(), "application/json", &key, body.clone()),
        post(backend.router(), "application/json", &key, body.clone()),
    );
    assert_eq!((a.status, b.status), (StatusCode::CREATED, StatusCode::CREATED), "{} {}", a.json, b.json);
    assert_eq!(a.json["reference"], b.json["reference"], "the second gets the first answer");
    assert_eq!(backend.case_count().await, 1);
    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1);
}

async fn a_report_that_cannot_be_stored_is_refused_and_sends_nothing(mut backend: Backend) {
    let switch = Switch::default();
    crate::support::flaky::store_outage(&mut backend.services, &switch);
    switch.fail(true);
    let answer = post_json(&backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.json["errors"][0]["code"], "service_unavailable");
    assert!(answer.json["errors"][0]["message"].as_str().unwrap().contains("0808 801 0393"));
    let request = Request::post("/v1/reports").header("content-type", "application/json");
    let response =
        backend.router().oneshot(request.body(Body::from(event("report-full.json"))).unwrap()).await.unwrap();
    assert_eq!(response.headers()["retry-after"], "30", "a 503 says when to try again");
    assert_eq!(backend.case_count().await, 0);
    assert!(backend.drain(Route::PoliceReferral).await.is_empty());
    assert!(backend.emails().await.is_empty());

    // A passing fault (two failed attempts) is retried on the request path: the report is taken.
    switch.fail(false);
    switch.fail_next(2);
    let answer = post_json(&backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    assert_eq!(backend.case_count().await, 1);

    // The operator routes answer 503 in their own words, not about saving a report.
    switch.fail(true);
    let reference = answer.json["reference"].as_str().unwrap().to_string();
    // (An event: an erasure that fails says what it may already have done instead.)
    let request = axum::http::Request::builder()
        .method("POST")
        .uri(format!("/v1/cases/{reference}/events"))
        .header("authorization", "Bearer local-operator-token")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"type": "call_made", "outcome": "reached"}"#))
        .unwrap();
    let response = backend.full_router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key("retry-after"));
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("nothing was changed") && !message.contains("report"), "{message}");
}

on_both_backends!(
    a_full_report_is_stored_routed_and_alerted,
    an_anonymous_report_is_alerted_but_routed_nowhere,
    an_invalid_report_gets_every_error_and_changes_nothing,
    the_no_script_form_is_accepted,
    a_repeated_idempotency_key_answers_the_same_and_creates_nothing,
    bodies_the_endpoint_cannot_take_are_refused_and_change_nothing,
    a_report_accepted_during_an_outage_is_routed_by_the_sweeper_once,
    a_report_that_cannot_be_stored_is_refused_and_sends_nothing,
    two_sweeps_at_once_route_each_delivery_once,
    one_idempotency_key_posted_twice_at_once_makes_one_report,
);
