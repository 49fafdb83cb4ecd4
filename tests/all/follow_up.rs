//! Anonymous follow-up with the receipt, on both adapter sets: a reporter who gave no name adds
//! information or asks for an advocate; operators are alerted without personal data and see the
//! addition on the case; wrong receipts are refused alike for real and made-up references, and
//! rate-limited.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use oys_application::routed::Outcome;
use oys_shared::routing::Route;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::api::post_json;
use crate::support::{contract, event, event_json, Backend};
use oys_test_support::on_both_backends;

const OPERATOR: &str = "local-operator-token";

async fn follow_up(backend: &Backend, body: Value) -> (StatusCode, axum::http::HeaderMap, Value) {
    follow_up_from(backend, [203, 0, 113, 1], body).await
}

/// A follow-up from the client at `address`, as the local runner's listener tells it.
async fn follow_up_from(
    backend: &Backend,
    address: [u8; 4],
    body: Value,
) -> (StatusCode, axum::http::HeaderMap, Value) {
    let mut request = Request::post("/v1/follow-ups")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let peer = std::net::SocketAddr::from((address, 40000));
    request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    let response = backend.router().oneshot(request).await.unwrap();
    let (status, headers, bytes) = contract::read("POST", "/v1/follow-ups", response).await;
    (status, headers, serde_json::from_slice(&bytes).unwrap())
}

async fn case(backend: &Backend, reference: &str) -> Value {
    let path = format!("/v1/cases/{reference}");
    let request = Request::get(&path).header("authorization", format!("Bearer {OPERATOR}")).body(Body::empty());
    let response = backend.full_router().oneshot(request.unwrap()).await.unwrap();
    let (status, _, bytes) = contract::read("GET", &path, response).await;
    assert_eq!(status, StatusCode::OK);
    serde_json::from_slice(&bytes).unwrap()
}

/// An anonymous report: its reference and receipt.
async fn anonymous_report(backend: &Backend) -> (String, String) {
    let answer = post_json(backend, &event("report-anonymous.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let reference = answer.json["reference"].as_str().unwrap().to_string();
    let receipt = answer.json["follow_up_receipt"].as_str().expect("a receipt").to_string();
    (reference, receipt)
}

async fn a_reporter_without_a_name_adds_information_and_operators_see_it(backend: Backend) {
    let (reference, receipt) = anonymous_report(&backend).await;
    let before = backend.emails().await.len();
    // Typed as a person might: lower case, spaces for hyphens.
    let typed = receipt.to_lowercase().replace('-', " ");
    let words = "He came back the next day PLANTED-ADDITION-7Q";
    let (status, _, answer) =
        follow_up(&backend, json!({"reference": reference.to_lowercase(), "receipt": typed, "information": words}))
            .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer, json!({"added_information": true, "asked_for_advocate": false}));

    let view = case(&backend, &reference).await;
    let events = view["events"].as_array().expect("the case lists its events");
    let added = events.iter().find(|e| e["event"]["type"] == "reporter_added_information").expect("the addition");
    assert_eq!(added["event"]["text"], words);
    assert_eq!((added["by"].as_str(), added["role"].as_str()), (Some("reporter"), Some("reporter")));

    let emails = backend.emails().await;
    assert_eq!(emails.len(), before + 1, "operators are alerted once");
    let alert = emails.iter().find(|e| e.subject.contains("added to their report")).expect("operators alerted");
    assert!(alert.subject.contains(&reference), "{}", alert.subject);
    assert!(!alert.raw.contains("PLANTED") && !alert.text.contains("PLANTED"), "the words stay out of the alert");

    // The receipt keeps working.
    let (status, _, _) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "information": "more"})).await;
    assert_eq!(status, StatusCode::CREATED);
}

async fn asking_for_an_advocate_later_routes_the_case_and_keeps_the_phone(backend: Backend) {
    let (reference, receipt) = anonymous_report(&backend).await;
    assert!(backend.drain(Route::AdvocateAssignment).await.is_empty(), "the report asked for no advocate");
    // Before the request an operator cannot confirm a partner.
    let confirm = json!({"type": "assignment_confirmed", "partner_id": "example-north-west"});
    let (status, _) = post_event(&backend, &reference, confirm.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let (status, _, answer) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "advocate_phone": "07700 900 777"}))
            .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["asked_for_advocate"], true);
    let messages = backend.drain(Route::AdvocateAssignment).await;
    assert_eq!(messages.len(), 1, "sent for advocate assignment");
    assert!(!messages[0].contains("7700"), "no phone in the queue message");
    let stored =
        backend.services.reports.get_report(&oys_shared::Reference::parse(&reference).unwrap()).await.unwrap().unwrap();
    assert_eq!(stored.contact.unwrap().phone.unwrap().as_str(), "+447700900777");
    assert!(stored.state.advocate_requested_at.is_some());
    let emails = backend.emails().await;
    let alert = emails.iter().find(|e| e.subject.contains("added to their report")).expect("operators alerted");
    assert!(alert.subject.starts_with("[ADVOCATE WANTED]"), "{}", alert.subject);
    assert!(!alert.raw.contains("7700"), "no phone in the alert");

    // The assignment worker takes it up as it would a report that asked from the start: partners
    // proposed, operators told, and the case waits for the operator's call.
    let message = serde_json::from_str(&messages[0]).unwrap();
    assert_eq!(backend.advocate_worker().handle(message).await.unwrap(), Outcome::Done);
    let parsed = oys_shared::Reference::parse(&reference).unwrap();
    let proposal = backend.services.assignments.proposal(&parsed).await.unwrap().expect("partners proposed");
    assert!(!proposal.ranked.is_empty());
    let emails = backend.emails().await;
    let proposal_email = format!("Advocate proposal for {reference}");
    assert!(emails.iter().any(|e| e.subject.starts_with(&proposal_email)), "operators told of the proposal");
    assert_eq!(case(&backend, &reference).await["status"], "awaiting_call");

    let (status, body) = post_event(&backend, &reference, confirm).await;
    assert_eq!(status, StatusCode::CREATED, "the operator can now confirm a partner: {body}");
}

/// A receipt may be in someone else's hands (a shared phone): a phone it gives never replaces
/// the one held, nor reaches a partner, until an operator confirms it with the reporter.
async fn a_phone_given_by_follow_up_replaces_none_held_until_an_operator_confirms_it(backend: Backend) {
    let mut body = event_json("report-anonymous.json");
    body["contact"] = json!({"phone": "07700 900 111", "preferred_method": "phone"});
    let answer = post_json(&backend, &body.to_string()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    let reference = answer.json["reference"].as_str().unwrap().to_string();
    let receipt = answer.json["follow_up_receipt"].as_str().unwrap().to_string();
    let parsed = oys_shared::Reference::parse(&reference).unwrap();

    let (status, _, answer) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "advocate_phone": "07700 900 222"}))
            .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let stored = backend.services.reports.get_report(&parsed).await.unwrap().unwrap();
    let contact = stored.contact.unwrap();
    assert_eq!(contact.phone.unwrap().as_str(), "+447700900111", "the phone held stays");
    assert_eq!(contact.proposed_phone.unwrap().as_str(), "+447700900222");
    assert!(stored.state.phone_proposed_at.is_some());
    let emails = backend.emails().await;
    let alert = emails.iter().find(|e| e.subject.contains("added to their report")).expect("operators alerted");
    assert!(alert.raw.contains("PROPOSED, NOT YET USED") && !alert.raw.contains("7700"), "{}", alert.raw);

    // The operator confirms it with the reporter: it becomes the phone; a second confirmation has
    // nothing to confirm.
    let (status, body) = post_event(&backend, &reference, json!({"type": "reporter_phone_confirmed"})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let stored = backend.services.reports.get_report(&parsed).await.unwrap().unwrap();
    let contact = stored.contact.unwrap();
    assert_eq!(contact.phone.unwrap().as_str(), "+447700900222");
    assert!(contact.proposed_phone.is_none() && stored.state.phone_proposed_at.is_none());
    let (status, body) = post_event(&backend, &reference, json!({"type": "reporter_phone_confirmed"})).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("no_phone_proposed"))
    );
}

/// A follow-up whose operators' alert and advocate message both fail after the addition was
/// stored is answered as added (it was), and the sweeper finishes it once: one alert saying what
/// was added, one advocate message, the words stored once.
async fn a_follow_up_whose_alert_and_message_fail_is_finished_by_the_sweeper(mut backend: Backend) {
    use crate::support::flaky::{Flaky, Switch};
    let (reference, receipt) = anonymous_report(&backend).await;
    let alerts = |emails: Vec<crate::support::Email>| {
        emails.into_iter().filter(|e| e.subject.contains("added to their report")).collect::<Vec<_>>()
    };
    let healthy = backend.services.clone();
    let switch = Switch::default();
    backend.services.mailer = std::sync::Arc::new(Flaky::new(healthy.mailer.clone(), switch.clone()));
    backend.services.queue = std::sync::Arc::new(Flaky::new(healthy.queue.clone(), switch.clone()));
    switch.fail(true);
    let (status, _, body) = follow_up(
        &backend,
        json!({"reference": reference, "receipt": receipt, "information": "Words stored once.", "advocate_phone": "07700 900 333"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "stored, so said to be added: {body}");
    assert!(alerts(backend.emails().await).is_empty());
    assert!(backend.drain(Route::AdvocateAssignment).await.is_empty());

    switch.fail(false);
    backend.clock.advance(oys_application::intake::SWEEP_GRACE + std::time::Duration::from_secs(1));
    let sweep = oys_application::intake::sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!((sweep.claimed, sweep.completed), (1, 1), "{sweep:?}");
    let sent = alerts(backend.emails().await);
    assert_eq!(sent.len(), 1, "one alert");
    assert!(
        sent[0].subject.starts_with("[ADVOCATE WANTED]") && sent[0].raw.contains("yes (read it in the case's events)")
    );
    assert!(!sent[0].raw.contains("Words stored once") && !sent[0].raw.contains("7700"), "no words, no phone");
    assert_eq!(backend.drain(Route::AdvocateAssignment).await.len(), 1, "one advocate message");
    let events = case(&backend, &reference).await["events"].as_array().unwrap().len();
    assert_eq!(events, 2, "the addition and the request, once each");
    let again = oys_application::intake::sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!(again.due, 0, "nothing left owed");
}

/// A follow-up's alert the dispatcher sent but could not record as delivered (a crash or an
/// outage between the two) is not sent again when the sweeper finishes the case, nor when the
/// row is handled again: it is claimed, sent and recorded once (`send_once`), keyed by the
/// change that owes it. A second addition owes, and gets, an alert of its own.
async fn a_follow_ups_alert_is_sent_once_though_its_delivery_was_not_recorded(backend: Backend) {
    use crate::workers::DeliveriesNeverRecorded;
    let (reference, receipt) = anonymous_report(&backend).await;
    backend.dispatch().await;
    let alerts = |emails: Vec<crate::support::Email>| {
        emails.iter().filter(|e| e.subject.contains("added to their report") && e.subject.contains(&reference)).count()
    };
    let (status, _, body) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "information": "Said once."})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let mut unrecorded = backend.services.clone();
    unrecorded.reports = std::sync::Arc::new(DeliveriesNeverRecorded(backend.services.reports.clone()));
    let drained = oys_application::dispatch::drain_outbox(&unrecorded, jiff::Timestamp::MAX, 10).await.unwrap();
    assert_eq!((drained.rows, drained.dispatched), (1, 1), "{drained:?}");
    let parsed = oys_shared::Reference::parse(&reference).unwrap();
    let pending = backend.services.reports.get_report(&parsed).await.unwrap().unwrap().pending;
    assert!(!pending.is_empty(), "the alert still looks owed: {pending:?}");
    assert_eq!(alerts(backend.emails().await), 1);

    backend.clock.advance(oys_application::intake::SWEEP_GRACE + std::time::Duration::from_secs(1));
    let sweep = oys_application::intake::sweep_pending_routing(&backend.services, 10).await.unwrap();
    assert_eq!((sweep.claimed, sweep.completed), (1, 1), "{sweep:?}");
    assert_eq!(alerts(backend.emails().await), 1, "the sweeper did not send it again");
    assert!(backend.services.reports.get_report(&parsed).await.unwrap().unwrap().pending.is_empty());

    let (status, _, body) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "information": "And this."})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(alerts(backend.emails().await), 2, "the second addition's own alert");
}

async fn post_event(backend: &Backend, reference: &str, event: Value) -> (StatusCode, Value) {
    let path = format!("/v1/cases/{reference}/events");
    let request = Request::post(&path)
        .header("authorization", format!("Bearer {OPERATOR}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(event.to_string()))
        .unwrap();
    let response = backend.full_router().oneshot(request).await.unwrap();
    let (status, _, bytes) = contract::read("POST", &path, response).await;
    (status, serde_json::from_slice(&bytes).unwrap())
}

async fn wrong_receipts_are_refused_alike_for_any_reference_and_then_limited(backend: Backend) {
    use oys_shared::follow_up::{ATTEMPTS_PER_CLIENT, ATTEMPTS_PER_REFERENCE};
    let (reference, receipt) = anonymous_report(&backend).await;
    let made_up = "OYS-0000-0000";
    let wrong = oys_shared::follow_up::FollowUpReceipt::from_entropy(12345).expose().to_string();
    let mut answers = Vec::new();
    for target in [reference.as_str(), made_up] {
        let (status, _, body) =
            follow_up(&backend, json!({"reference": target, "receipt": wrong, "information": "x"})).await;
        answers.push((status, body));
    }
    assert_eq!(answers[0].0, StatusCode::FORBIDDEN);
    assert_eq!(answers[0], answers[1], "a real reference and a made-up one get the same answer");
    assert_eq!(answers[0].1["errors"][0]["code"], "receipt_not_recognised");

    // The client that sent them runs out: even the right receipt is refused from there.
    for _ in 2..ATTEMPTS_PER_CLIENT {
        let (status, _, _) =
            follow_up(&backend, json!({"reference": reference, "receipt": wrong, "information": "x"})).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let (status, headers, body) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "information": "x"})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["errors"][0]["code"], "too_many_attempts");
    let wait: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&wait));

    // Whoever holds the reference cannot lock its reporter out: from another address, the right
    // receipt works, and a right receipt is not held against its client.
    let owner = [198, 51, 100, 7];
    for _ in 0..ATTEMPTS_PER_CLIENT + 2 {
        let (status, _, body) =
            follow_up_from(&backend, owner, json!({"reference": reference, "receipt": receipt, "information": "more"}))
                .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
    }

    // Many addresses together reach the reference's ceiling, and then it holds for everyone.
    let mut sent = ATTEMPTS_PER_CLIENT - 1;
    let mut address = 1u8;
    while sent < ATTEMPTS_PER_REFERENCE {
        address += 1;
        for _ in 0..ATTEMPTS_PER_CLIENT.min(ATTEMPTS_PER_REFERENCE - sent) {
            let (status, _, _) = follow_up_from(
                &backend,
                [192, 0, 2, address],
                json!({"reference": reference, "receipt": wrong, "information": "x"}),
            )
            .await;
            assert_eq!(status, StatusCode::FORBIDDEN);
            sent += 1;
        }
    }
    let (status, _, _) = follow_up_from(
        &backend,
        [192, 0, 2, 250],
        json!({"reference": reference, "receipt": wrong, "information": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the reference's ceiling");
    let events = case(&backend, &reference).await["events"].as_array().unwrap().len();
    assert_eq!(events, ATTEMPTS_PER_CLIENT as usize + 2, "only the owner's additions were added");
}

/// Wrong receipts sent at the same moment from one client: exactly the limit are checked, the
/// rest refused (the count and the check are one conditional write on both adapter sets).
async fn concurrent_wrong_receipts_never_pass_the_limit(backend: Backend) {
    use oys_shared::follow_up::ATTEMPTS_PER_CLIENT;
    let (reference, _) = anonymous_report(&backend).await;
    let wrong = oys_shared::follow_up::FollowUpReceipt::from_entropy(777).expose().to_string();
    let attempts = (0..40).map(|_| {
        follow_up_from(
            &backend,
            [203, 0, 113, 40],
            json!({"reference": reference, "receipt": wrong, "information": "x"}),
        )
    });
    let answers = futures_util::future::join_all(attempts).await;
    let checked = answers.iter().filter(|(status, _, _)| *status == StatusCode::FORBIDDEN).count();
    let refused = answers.iter().filter(|(status, _, _)| *status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (ATTEMPTS_PER_CLIENT as usize, 40 - ATTEMPTS_PER_CLIENT as usize));
}

/// A phone given after retention erased the case's contact details is contact details again:
/// it expires on the contact period from when it was given, not with the narrative.
async fn a_phone_given_after_the_contact_details_expired_expires_like_them(backend: Backend) {
    let day = std::time::Duration::from_secs(24 * 3600);
    let contact_days = u64::from(crate::support::backend::TEST_RETENTION.contact_days);
    let (reference, receipt) = anonymous_report(&backend).await;
    backend.clock.advance(day * (contact_days as u32 + 1));
    let purged = oys_application::retention::purge(
        &backend.services,
        oys_application::ports::Clock::now(backend.clock.as_ref()),
    )
    .await
    .unwrap();
    assert_eq!(purged.contact_details_erased, 1, "{purged:?}");

    let (status, _, body) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "advocate_phone": "07700 900 555"}))
            .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let parsed = oys_shared::Reference::parse(&reference).unwrap();
    let stored = backend.services.reports.get_report(&parsed).await.unwrap().unwrap();
    assert!(stored.contact.and_then(|c| c.phone).is_some());
    assert_eq!(
        stored.state.contact_expires_at,
        Some(oys_shared::calendar::after(
            oys_application::ports::Clock::now(backend.clock.as_ref()),
            day * contact_days as u32
        ))
    );

    backend.clock.advance(day * (contact_days as u32 + 1));
    oys_application::retention::purge(&backend.services, oys_application::ports::Clock::now(backend.clock.as_ref()))
        .await
        .unwrap();
    let stored = backend.services.reports.get_report(&parsed).await.unwrap().unwrap();
    assert!(stored.contact.and_then(|c| c.phone).is_none(), "the phone went with the contact period");
    assert!(stored.narrative.is_some(), "the account of what happened stays its own time");
}

async fn a_repeated_report_gets_a_new_receipt_and_only_the_newest_works(backend: Backend) {
    let key = [("idempotency-key", "follow-up-replay-1")];
    let body = event("report-anonymous.json");
    let first = crate::api::post(backend.router(), "application/json", &key, body.clone()).await;
    let again = crate::api::post(backend.router(), "application/json", &key, body).await;
    assert!(again.replayed);
    let reference = first.json["reference"].as_str().unwrap();
    let old = first.json["follow_up_receipt"].as_str().unwrap();
    let new = again.json["follow_up_receipt"].as_str().unwrap();
    let (status, _, _) = follow_up(&backend, json!({"reference": reference, "receipt": old, "information": "x"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = follow_up(&backend, json!({"reference": reference, "receipt": new, "information": "x"})).await;
    assert_eq!(status, StatusCode::CREATED);

    // Past the re-issue window (a shared phone: Back and "send again" later), the repeat is the
    // same report with no receipt, and the reporter's receipt keeps working.
    backend.clock.advance(oys_application::intake::RECEIPT_REISSUE_WINDOW + std::time::Duration::from_secs(1));
    let later = crate::api::post(backend.router(), "application/json", &key, event("report-anonymous.json")).await;
    assert!(later.replayed);
    assert_eq!(later.json["reference"], reference);
    assert!(later.json["follow_up_receipt"].is_null(), "{}", later.json);
    let (status, _, _) = follow_up(&backend, json!({"reference": reference, "receipt": new, "information": "y"})).await;
    assert_eq!(status, StatusCode::CREATED, "the receipt the reporter kept still works");
}

async fn bad_follow_ups_get_field_errors_and_an_erased_case_takes_no_words(backend: Backend) {
    let (reference, receipt) = anonymous_report(&backend).await;
    let (status, _, body) =
        follow_up(&backend, json!({"reference": "nope", "receipt": "short", "advocate_phone": "12", "x": 1})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["x", "reference", "receipt", "advocate_phone"], "{body}");
    let (status, _, body) = follow_up(&backend, json!({"reference": reference, "receipt": receipt})).await;
    assert_eq!(
        (status, body["errors"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("nothing_to_add"))
    );

    let path = format!("/v1/cases/{reference}/erase");
    let request = Request::post(&path).header("authorization", "Bearer local-lead-token").body(Body::empty());
    let response = backend.full_router().oneshot(request.unwrap()).await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let (status, _, body) =
        follow_up(&backend, json!({"reference": reference, "receipt": receipt, "information": "after erasure"})).await;
    assert_eq!((status, body["errors"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("case_erased")));
    assert!(!backend.everything_stored().await.contains("after erasure"));
}

async fn the_follow_up_page_works_without_scripts(backend: Backend) {
    let (reference, receipt) = anonymous_report(&backend).await;
    let post = |fields: Vec<(&'static str, String)>| {
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
        Request::post("/vi/follow-up")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap()
    };
    let send = |request: Request<Body>| async {
        let response = backend.router().oneshot(request).await.unwrap();
        let (status, headers, bytes) = contract::read("POST", "/vi/follow-up", response).await;
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    };
    // A mistake: the page again, in Vietnamese, the error linked, what was typed kept.
    let (status, html) = send(post(vec![
        ("reference", reference.clone()),
        ("receipt", receipt.clone()),
        ("information", "Tôi nhớ thêm một chi tiết".into()),
        ("advocate_phone", "12".into()),
    ]))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("<html lang=\"vi\">"));
    assert!(html.contains("href=\"#advocate_phone\""), "the summary links to the field");
    assert!(html.contains("Tôi nhớ thêm một chi tiết"), "what was typed is kept");
    let (status, html) = send(post(vec![
        ("reference", reference.clone()),
        ("receipt", receipt.clone()),
        ("information", "Tôi nhớ thêm một chi tiết".into()),
        ("advocate_phone", String::new()),
    ]))
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains(&oys_shared::i18n::message(
        oys_shared::i18n::Language::Vietnamese,
        "follow-up-done-title",
        &[]
    )));
    let view = case(&backend, &reference).await;
    assert!(view["events"].to_string().contains("Tôi nhớ thêm một chi tiết"));
}

on_both_backends!(
    a_reporter_without_a_name_adds_information_and_operators_see_it,
    a_follow_ups_alert_is_sent_once_though_its_delivery_was_not_recorded,
    asking_for_an_advocate_later_routes_the_case_and_keeps_the_phone,
    wrong_receipts_are_refused_alike_for_any_reference_and_then_limited,
    concurrent_wrong_receipts_never_pass_the_limit,
    a_follow_up_whose_alert_and_message_fail_is_finished_by_the_sweeper,
    a_phone_given_by_follow_up_replaces_none_held_until_an_operator_confirms_it,
    a_phone_given_after_the_contact_details_expired_expires_like_them,
    a_repeated_report_gets_a_new_receipt_and_only_the_newest_works,
    bad_follow_ups_get_field_errors_and_an_erased_case_takes_no_words,
    the_follow_up_page_works_without_scripts,
);
