//! No personal data in logs, queue messages, operator alerts or error answers: plant
//! distinctive values, run every path, and search everything that leaves for them.

use std::time::Duration;

use axum::http::StatusCode;
use oys_application::intake::sweep_pending_routing;
use oys_shared::routing::Route;
use serde_json::{json, Value};

use crate::logs;
use crate::support::flaky::{Flaky, Switch};
use crate::support::requests::{post, post_json};
use crate::support::Backend;
use oys_test_support::on_both_backends;

/// Values no code path produces by itself, in every form they could leak in: as typed, as
/// normalised, phones as digits, postcodes with and without the space. Searched for without
/// regard to case.
const PLANTED: &[&str] = &[
    "Zhao Plantedname",
    "Plantedname",
    "07700 900987",
    "07700900987",
    "+447700900987",
    "7700900987",
    "7700 900987",
    "planted.person@example.org",
    "planted.person@example",
    "N1C 4AX",
    "N1C4AX",
    "Plantedtown",
    "PLANTED-DESCRIPTION-8d1f",
    "PLANTED-PERPETRATOR-51c2",
    "PLANTED-SAFE-TIMES",
    "PLANTED-POLICE-REF",
    "03:17",
];

/// A report with every personal field the form has, each holding a planted value.
fn planted_report() -> Value {
    json!({
        "language": "en",
        "reporter": {"role": "victim", "heritage": ["vietnam"]},
        "contact": {
            "name": "Zhao Plantedname", "phone": "07700 900987", "email": "planted.person@example.org",
            "preferred_method": "phone", "safe_times": "PLANTED-SAFE-TIMES"
        },
        "incident": {
            "occurred_on": "2026-11-21",
            "occurred_at": "03:17",
            "location": {"postcode": "n1c 4ax", "town": "Plantedtown", "place_type": "street"},
            "types": ["physical_assault"],
            "description": "PLANTED-DESCRIPTION-8d1f they pushed me",
            "injured": true,
            "reported_to_police_already": true,
            "police_reference": "PLANTED-POLICE-REF"
        },
        "perpetrators": {"count": "two_to_five", "description": "PLANTED-PERPETRATOR-51c2"},
        "consent": {"police": "with_contact_details", "advocate_support": true, "privacy_notice_version": "2026-01"}
    })
}

fn assert_clean(place: &str, text: &str) {
    let lower = text.to_lowercase();
    for value in PLANTED {
        assert!(!lower.contains(&value.to_lowercase()), "{place} contains planted {value:?}:\n{text}");
    }
}

/// The capture is not blind: a deliberate leak (the `leak-canary` test feature logs any text
/// holding `LEAK-CANARY` at debug) in the HTTP layer, the use case, the adapter (on SQLite, from
/// a blocking-pool thread) and the worker all show up in it.
async fn the_capture_sees_a_deliberate_leak_in_every_layer_and_thread(backend: Backend) {
    let (captured, _guard) = logs::capture().await;
    let mut report = planted_report();
    report["incident"]["description"] = json!("LEAK-CANARY-7f3e words of the reporter");
    report["consent"]["police"] = json!("anonymous");
    let answer = post_json(&backend, &report.to_string()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    backend.run_workers().await;
    let logged = captured.text();
    let adapter = if backend.is_embedded() { "adapter_blocking_thread" } else { "adapter" };
    for layer in ["http", "use_case", adapter, "worker"] {
        let seen = logged
            .lines()
            .any(|line| line.contains("LEAK-CANARY-7f3e") && line.contains(&format!("\"layer\":\"{layer}\"")));
        assert!(seen, "the capture missed the {layer} leak:\n{logged}");
    }
}

async fn personal_data_stays_out_of_logs_messages_and_alerts(backend: Backend) {
    let (captured, _guard) = logs::capture().await;
    let answer = post_json(&backend, &planted_report().to_string()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);

    // The values were really accepted and stored: the test would catch a leak.
    let stored = backend.everything_stored().await;
    assert!(stored.contains("Zhao Plantedname") && stored.contains("PLANTED-DESCRIPTION-8d1f"));

    for route in [Route::PoliceReferral, Route::AdvocateAssignment] {
        let bodies = backend.drain(route).await;
        assert_eq!(bodies.len(), 1);
        assert_clean(&format!("{route} message"), &bodies.join("\n"));
    }
    let emails = backend.emails().await;
    assert_eq!(emails.len(), 1);
    for email in &emails {
        assert_clean("alert subject", &email.subject);
        assert_clean("alert text", &email.text);
        assert_clean("alert MIME", &email.raw);
    }
    assert_clean("201 answer", &answer.json.to_string());
    let logged = captured.text();
    assert!(logged.contains("report stored"), "the capture works: {logged}");
    assert_clean("logs", &logged);
}

async fn personal_data_stays_out_of_errors_and_their_logs(backend: Backend) {
    let (captured, _guard) = logs::capture().await;
    let mut report = planted_report();
    report["incident"]["occurred_on"] = json!("2099-01-01");
    report["contact"]["email"] = json!("planted.person@example");
    report["reporter"]["role"] = json!("Plantedname");
    let answer = post_json(&backend, &report.to_string()).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_clean("422 answer", &answer.json.to_string());

    let malformed =
        format!("{{\"contact\": {{\"name\": \"Zhao Plantedname\"}}, \"language\": nope {}", "PLANTED-DESCRIPTION-8d1f");
    let answer = post(backend.router(), "application/json", &[], malformed).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_clean("400 answer", &answer.json.to_string());

    // A caller's own field names are not logged either: they can be anything, a name included.
    let mut named = planted_report();
    named["incident"]["Zhao_Plantedname_key"] = json!(1);
    let answer = post_json(&backend, &named.to_string()).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let logged = captured.text();
    assert!(logged.contains("report refused"), "the refusal is logged: {logged}");
    assert!(!logged.contains("Plantedname_key"), "a caller-supplied field name was logged: {logged}");
    assert_clean("logs", &logged);
}

async fn personal_data_stays_out_of_the_sweepers_logs_and_retries(mut backend: Backend) {
    let (captured, _guard) = logs::capture().await;
    let switch = Switch::default();
    let queue = backend.services.queue.clone();
    backend.services.queue = std::sync::Arc::new(Flaky::new(queue, switch.clone()));
    switch.fail(true);
    assert_eq!(post_json(&backend, &planted_report().to_string()).await.status, StatusCode::CREATED);
    // The dispatcher's sends fail: the deliveries stay owed.
    let drained = backend.dispatch().await;
    assert_eq!(drained.failed, 1, "{drained:?}");
    switch.fail(false);
    backend.clock.advance(Duration::from_secs(121));
    assert_eq!(sweep_pending_routing(&backend.services, 10).await.unwrap().completed, 1);
    for route in [Route::PoliceReferral, Route::AdvocateAssignment] {
        assert_clean("swept message", &backend.drain(route).await.join("\n"));
    }
    let logged = captured.text();
    assert!(logged.contains("delivery failed") && logged.contains("sweeper routed"), "{logged}");
    assert_clean("logs", &logged);
}

async fn personal_data_stays_out_of_the_workers_logs_and_the_operators_emails(backend: Backend) {
    let (captured, _guard) = logs::capture().await;
    let answer = post_json(&backend, &planted_report().to_string()).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    // A malformed record too: its body must not be echoed into the logs.
    backend.services.queue.send_body(Route::PoliceReferral, "{\"name\": \"Zhao Plantedname\"").await.unwrap();
    backend.run_workers().await;
    // From the public form: nothing reaches the police until an operator releases it.
    assert!(backend.emails_to(&backend.police_mailbox("metropolitan")).await.is_empty());
    let reference = oys_shared::Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap();
    backend.release_police_referral(&reference).await;

    // The police got the contact details (consent `with_contact_details`)...
    let referral = backend.emails_to(&backend.police_mailbox("metropolitan")).await;
    assert_eq!(referral.len(), 1);
    assert!(referral[0].text.contains("Zhao Plantedname") && referral[0].text.contains("+447700900987"));
    // ...the operators got notices and the proposal, without any of it.
    let operators = backend.emails().await;
    assert_eq!(operators.len(), 4, "alert, release needed, referral notice, proposal");
    for email in &operators {
        assert_clean(&format!("operators' email {:?}", email.subject), &email.text);
        assert_clean("operators' email subject", &email.subject);
    }
    let logged = captured.text();
    assert!(logged.contains("police referral sent") && logged.contains("malformed record"), "{logged}");
    assert_clean("worker logs", &logged);
}

/// The report form (its check, a refusal, the confirmation): nothing planted reaches the logs
/// or the operators' alert, and the confirmation page shows none of it either.
async fn personal_data_stays_out_of_the_forms_logs_and_alerts(backend: Backend) {
    use tower::ServiceExt;
    let (captured, _guard) = logs::capture().await;
    let planted: Vec<(&str, &str)> = vec![
        ("contact.name", "Zhao Plantedname"),
        ("contact.phone", "07700 900987"),
        ("contact.email", "planted.person@example.org"),
        ("contact.preferred_method", "phone"),
        ("contact.safe_times", "PLANTED-SAFE-TIMES"),
        ("incident.occurred_on", "2026-11-21"),
        ("incident.occurred_at", "03:17"),
        ("incident.location.postcode", "n1c 4ax"),
        ("incident.location.town", "Plantedtown"),
        ("incident.types", "physical_assault"),
        ("incident.description", "PLANTED-DESCRIPTION-8d1f they pushed me"),
        ("incident.police_reference", "PLANTED-POLICE-REF"),
        ("incident.reported_to_police_already", "true"),
        ("perpetrators.description", "PLANTED-PERPETRATOR-51c2"),
        ("reporter.role", "victim"),
        ("consent.police", "with_contact_details"),
        ("consent.privacy_notice_version", "2026-01"),
    ];
    let encoded =
        |fields: &[(&str, &str)]| form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    let send = |path: &'static str, body: String| {
        let request = axum::http::Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap();
        let router = backend.router();
        async move {
            let mut response = router.clone().oneshot(request).await.unwrap();
            // A sent form redirects to its confirmation, carried by a cookie: follow it.
            if response.status() == StatusCode::SEE_OTHER {
                let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
                let confirmation = axum::http::Request::get("/en/sent")
                    .header("cookie", cookie)
                    .body(axum::body::Body::empty())
                    .unwrap();
                response = router.oneshot(confirmation).await.unwrap();
            }
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, String::from_utf8(bytes.to_vec()).unwrap())
        }
    };
    // The check and a refusal (the advocate question is unanswered).
    let (status, _) = send("/en/check", encoded(&planted)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, refused) = send("/en/", encoded(&planted)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("Plantedtown"), "the reporter's own page keeps what they typed");
    // Then the complete form.
    let mut complete = planted.clone();
    complete.push(("consent.advocate_support", "false"));
    let (status, confirmation) = send("/en/", encoded(&complete)).await;
    assert_eq!(status, StatusCode::OK, "{confirmation}");
    assert_clean("confirmation page", &confirmation);
    assert!(backend.everything_stored().await.contains("Zhao Plantedname"), "the values were really stored");

    // A follow-up with the receipt: planted words and phone, after one wrong receipt.
    // The code as shown: its groups, each in an unbreakable span.
    let shown = |id: &str| {
        let start = confirmation.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("{id} shown"));
        let inner = confirmation[start..].split_once('>').unwrap().1.split("</p>").next().unwrap();
        let mut text = String::new();
        for piece in inner.split('<') {
            text.push_str(piece.split_once('>').map_or(piece, |(_, after)| after));
        }
        text.trim().to_string()
    };
    let (reference, receipt) = (shown("reference"), shown("receipt"));
    let wrong = oys_shared::follow_up::FollowUpReceipt::from_entropy(99).expose().to_string();
    let information = "PLANTED-DESCRIPTION-8d1f and later";
    let follow_up = |receipt: &str| {
        encoded(&[
            ("reference", &reference),
            ("receipt", receipt),
            ("information", information),
            ("advocate_phone", "07700 900987"),
        ])
    };
    let (status, _) = send("/en/follow-up", follow_up(&wrong)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, done) = send("/en/follow-up", follow_up(&receipt)).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(backend.everything_stored().await.contains("PLANTED-DESCRIPTION-8d1f and later"), "really added");

    for email in backend.emails().await {
        assert_clean("alert", &email.raw);
        assert!(!email.raw.contains(&receipt), "no email holds the receipt");
    }
    let logged = captured.text();
    assert!(logged.contains("report stored"), "the capture works: {logged}");
    assert!(logged.contains("reporter added to their report"), "the follow-up was logged: {logged}");
    assert_clean("form logs", &logged);
    for secret in [&receipt, &wrong] {
        assert!(!logged.contains(secret.as_str()), "no receipt, right or wrong, is logged");
    }
    assert!(!backend.everything_stored().await.contains(&receipt), "only the receipt's hash is stored");
}

on_both_backends!(
    personal_data_stays_out_of_the_forms_logs_and_alerts,
    the_capture_sees_a_deliberate_leak_in_every_layer_and_thread,
    personal_data_stays_out_of_casework_logs_reminders_and_refusals,
    personal_data_stays_out_of_the_workers_logs_and_the_operators_emails,
    personal_data_stays_out_of_logs_messages_and_alerts,
    personal_data_stays_out_of_errors_and_their_logs,
    personal_data_stays_out_of_the_sweepers_logs_and_retries,
    personal_data_stays_out_of_the_consoles_logs_and_refusals,
);

/// The staff console: an operator reads a planted case, records through its forms (a note with
/// planted words, a refused form, a forged one), and signs out. The case page shows the
/// operator the reporter's details; nothing of them reaches a log, a refusal or another page.
async fn personal_data_stays_out_of_the_consoles_logs_and_refusals(backend: Backend) {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    let (captured, _guard) = logs::capture().await;
    let answer = post_json(&backend, &planted_report().to_string()).await;
    let reference = answer.json["reference"].as_str().unwrap().to_string();
    backend.run_workers().await;
    let router = backend.full_router();
    let (cookie, csrf) = crate::support::console::local_session(&router, "operator.local").await;
    let send = |method: &str, path: String, form: Option<String>| {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("cookie", cookie.clone())
            .header("sec-fetch-site", "same-origin");
        if form.is_some() {
            request = request.header("content-type", "application/x-www-form-urlencoded");
        }
        let request = request.body(form.map_or(Body::empty(), Body::from)).unwrap();
        let router = router.clone();
        async move {
            let response = router.oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let case = format!("/staff/cases/{reference}");
    let (status, page) = send("GET", case.clone(), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("PLANTED-SAFE-TIMES"), "the operator sees the safe times on the case page");
    let (status, queue) = send("GET", "/staff/queue".into(), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_clean("work queue", &queue);
    let planted = "PLANTED-DESCRIPTION-8d1f+again%2C+Zhao+Plantedname+on+07700+900987";
    let (status, _) = send("POST", format!("{case}/note"), Some(format!("csrf={csrf}&text={planted}"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, refused) = send("POST", format!("{case}/call"), Some(format!("csrf={csrf}&colour={planted}"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_clean("422 page", &refused);
    let (status, forged) = send("POST", format!("{case}/note"), Some(format!("csrf=forged&text={planted}"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_clean("403 page", &forged);
    let (status, erase) =
        send("POST", format!("{case}/erase"), Some(format!("csrf={csrf}&confirm_reference={planted}"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a reference typed wrong erases nothing");
    let (_, signed_out) = send("POST", "/staff/sign-out".into(), Some(format!("csrf={csrf}"))).await;
    assert_clean("sign-out", &signed_out);
    let (status, after) = send("GET", case, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_clean("a page after sign-out", &after);
    let logged = captured.text();
    assert!(logged.contains("staff signed in") && logged.contains("case event recorded"), "{logged}");
    assert_clean("console logs", &logged);
    // The erase form echoes what the operator typed back into its own field, as every form does.
    assert!(erase.contains("Type the reference"));
}

async fn personal_data_stays_out_of_casework_logs_reminders_and_refusals(backend: Backend) {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    let (captured, _guard) = logs::capture().await;
    let answer = post_json(&backend, &planted_report().to_string()).await;
    let reference = answer.json["reference"].as_str().unwrap().to_string();
    backend.run_workers().await;
    let call = |method: &str, path: String, token: &str, body: Option<serde_json::Value>| {
        let method = method.to_string();
        let mut request =
            Request::builder().method(method.as_str()).uri(&path).header("authorization", format!("Bearer {token}"));
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request.body(body.map_or(Body::empty(), |b| Body::from(b.to_string()))).unwrap();
        let router = backend.full_router();
        async move {
            let response = router.oneshot(request).await.unwrap();
            let (status, _, bytes) = crate::support::contract::read(&method, &path, response).await;
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let events = format!("/v1/cases/{reference}/events");
    let operator = "local-operator-token";
    for body in [
        json!({"type": "note", "text": "PLANTED-DESCRIPTION-8d1f again, Zhao Plantedname on 07700 900987"}),
        json!({"type": "assignment_confirmed", "partner_id": "example-london"}),
        json!({"type": "share_consent_given", "partner_id": "example-london", "channel": "phone", "privacy_notice_version": "2026-01"}),
        json!({"type": "consent_withdrawn", "scope": "partner", "channel": "phone", "privacy_notice_version": "2026-01"}),
    ] {
        let shares = body["type"] == "share_consent_given";
        let (status, answer) = call("POST", events.clone(), operator, Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        if shares {
            // The handoff goes before the withdrawal, so the partner has something to be told of.
            backend.dispatch().await;
        }
    }
    // Refusals: wrong role, another partner, bad input with planted text.
    let (_, refused) =
        call("GET", format!("/v1/cases/{reference}/export"), "local-advocate-example-london-token", None).await;
    assert_clean("403 answer", &refused);
    let (status, refused) = call(
        "POST",
        events.clone(),
        operator,
        Some(json!({"type": "note", "text": "Zhao Plantedname", "colour": "PLANTED-SAFE-TIMES"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_clean("422 answer", &refused);

    // Reminders and escalations as the days pass.
    let leads = vec![format!("leads-{}@on-your-side.test", backend.id)];
    for days in [3, 4, 8] {
        backend.clock.set(crate::support::backend::start_time());
        backend.clock.advance(Duration::from_secs(days * 24 * 3600));
        oys_application::reminders::run(&backend.services, &leads).await.unwrap();
    }
    let mut staff_mail = backend.emails().await;
    staff_mail.extend(backend.emails_to(&leads[0]).await);
    assert!(staff_mail.iter().any(|e| e.subject.starts_with("Reminder")), "reminders were sent");
    for email in &staff_mail {
        assert_clean(&format!("staff email {:?}", email.subject), &format!("{}\n{}", email.subject, email.text));
    }
    let withdrawal: Vec<_> = backend
        .emails_to("casework@london.partners.example")
        .await
        .into_iter()
        .filter(|e| e.subject.starts_with("Consent withdrawn") && e.subject.contains(&reference))
        .collect();
    assert_eq!(withdrawal.len(), 1);
    assert_clean("withdrawal notice", &withdrawal[0].text);
    let logged = captured.text();
    assert!(logged.contains("case event recorded") && logged.contains("operator request refused"), "{logged}");
    assert_clean("casework logs", &logged);
}
