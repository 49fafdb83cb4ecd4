//! The API Gateway HTTP API events in `events/`, converted by `lambda_http` exactly as in
//! Lambda and handed to the router the function serves.

use axum::http::StatusCode;
use oys_shared::routing::Route;
use tower::ServiceExt;

use crate::support::{event, Backend};

async fn invoke(backend: &Backend, file: &str) -> (StatusCode, serde_json::Value) {
    let request = lambda_http::request::from_str(&event(file)).expect("a valid API Gateway v2 event");
    let request = request.map(|body| axum::body::Body::from(body.to_vec()));
    let (method, path) = (request.method().to_string(), request.uri().path().to_string());
    let response = backend.router().oneshot(request).await.unwrap();
    let (status, _, bytes) = crate::support::contract::read(&method, &path, response).await;
    (status, serde_json::from_slice(&bytes).unwrap())
}

/// A 201's body without the follow-up receipt, which a repeated request gets anew.
fn without_receipt(body: &serde_json::Value) -> serde_json::Value {
    let mut body = body.clone();
    assert!(body["follow_up_receipt"].take().is_string(), "a 201 carries a receipt: {body}");
    body
}

async fn the_full_report_event_is_accepted_routed_and_idempotent(backend: Backend) {
    let (status, first) = invoke(&backend, "apigw-v2-submit-full.json").await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    // The event carries an Idempotency-Key: API Gateway redelivering it creates nothing new.
    let (status, again) = invoke(&backend, "apigw-v2-submit-full.json").await;
    assert_eq!((status, &without_receipt(&again)), (StatusCode::CREATED, &without_receipt(&first)));
    assert_eq!(backend.case_count().await, 1);
    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1);
    assert_eq!(backend.drain(Route::AdvocateAssignment).await.len(), 1);
    assert_eq!(backend.emails().await.len(), 1);
}

async fn the_anonymous_report_event_is_accepted_and_only_alerted(backend: Backend) {
    let (status, body) = invoke(&backend, "apigw-v2-submit-anonymous.json").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["routes"], serde_json::json!([]));
    assert!(backend.drain(Route::PoliceReferral).await.is_empty());
    assert_eq!(backend.emails().await.len(), 1);
}

async fn the_invalid_report_event_is_refused_in_chinese_and_stores_nothing(backend: Backend) {
    let (status, body) = invoke(&backend, "apigw-v2-submit-invalid.json").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"].as_array().unwrap().len() >= 8, "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("此項"));
    assert_eq!(backend.case_count().await, 0);
    assert!(backend.emails().await.is_empty());
}

async fn the_urlencoded_form_event_is_accepted(backend: Backend) {
    let (status, body) = invoke(&backend, "apigw-v2-submit-urlencoded.json").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["routes"], serde_json::json!(["police_referral", "advocate_assignment"]));
    assert_eq!(backend.case_count().await, 1);
}

/// When the report the sample events name was received.
const STORED_AT: jiff::Timestamp = jiff::Timestamp::constant(1_795_515_307, 0);

/// Stores `events/report-full.json` as the report `reference` the sample events name, received
/// at `STORED_AT`; with `outbox`, owing its deliveries through that row, as intake writes it.
async fn store_the_events_report(
    backend: &Backend,
    reference: &oys_shared::Reference,
    outbox: Option<oys_application::ports::OutboxRow>,
) {
    let received = STORED_AT;
    let report = oys_shared::report::parse_report(
        &crate::support::event_json("report-full.json"),
        received,
        oys_shared::report::Submitter::Public,
    )
    .unwrap();
    let parts = oys_shared::case_record::split_report(report, uuid::Uuid::new_v4(), reference.clone(), received);
    let pending = if outbox.is_some() { oys_shared::routing::Delivery::all_for(&parts.summary.routes) } else { vec![] };
    let new = oys_application::ports::NewReport {
        count: oys_shared::statistics::CountChange::of(&parts.summary, 1),
        listing: oys_shared::casework::CaseListing::of(&parts.summary, &Default::default()),
        receipt_hash: "sha256:stored-with-the-report".into(),
        outbox: outbox.unwrap_or_else(|| oys_application::ports::OutboxRow::new(reference, received)),
        pending,
        summary: parts.summary,
        narrative: parts.narrative,
        contact: parts.contact,
        sweep_after: received,
        idempotency: None,
        state: Default::default(),
    };
    backend.services.reports.create_report(&new, received).await.unwrap();
}

/// The operator API events through `lambda_http`, callers taken from the authorizer's claims.
async fn the_operator_api_events_are_answered_by_role(backend: Backend) {
    use oys_shared::Reference;
    use oys_web::auth::Authenticator;

    let router = backend.operator_router(Authenticator::ApiGatewayJwt);
    // The case the events name: reported, routed, and (after the operator's event) shared.
    let reference = Reference::parse("OYS-K7M2-Q9XD").unwrap();
    store_the_events_report(&backend, &reference, None).await;

    let invoke = |file: &'static str| {
        let router = router.clone();
        async move {
            let request = lambda_http::request::from_str(&event(file)).expect("a valid API Gateway v2 event");
            let (method, path) = (request.method().to_string(), request.uri().path().to_string());
            let response = router.oneshot(request.map(|b| axum::body::Body::from(b.to_vec()))).await.unwrap();
            let (status, _, bytes) = crate::support::contract::read(&method, &path, response).await;
            (status, serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_default())
        }
    };
    let (status, body) = invoke("apigw-v2-operator-list-cases.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["cases"][0]["reference"], "OYS-K7M2-Q9XD");
    assert_eq!(invoke("apigw-v2-advocate-get-case.json").await.0, StatusCode::NOT_FOUND, "not shared yet");
    assert_eq!(invoke("apigw-v2-operator-record-event.json").await.0, StatusCode::CREATED);
    let share = serde_json::json!({"type": "share_consent_given", "partner_id": "example-north-west", "channel": "phone", "privacy_notice_version": "2026-01"});
    let caller = oys_shared::casework::Caller {
        user: "5f1c-operator".into(),
        roles: vec![oys_shared::casework::StaffRole::Operator],
        partner_id: None,
    };
    backend
        .casework()
        .record_event(&caller, &reference, oys_shared::casework::parse_event(&share).unwrap())
        .await
        .unwrap();
    let (status, body) = invoke("apigw-v2-advocate-get-case.json").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["contact"]["name"], "Chan Tai Man");
    assert_eq!(invoke("apigw-v2-other-advocate-get-case.json").await.0, StatusCode::NOT_FOUND);
    let (status, trail) = invoke("apigw-v2-lead-case-audit.json").await;
    assert_eq!(status, StatusCode::OK);
    let actors: Vec<&str> =
        trail["reads_and_exports"].as_array().unwrap().iter().map(|e| e["actor"].as_str().unwrap()).collect();
    assert!(actors.contains(&"9a7e-advocate"), "the advocate's read is audited under their Cognito id: {actors:?}");
    assert_eq!(invoke("apigw-v2-no-authorizer-list-cases.json").await.0, StatusCode::UNAUTHORIZED);
}

/// The table's stream event (keys only), handed to what the `outbox-dispatcher` function runs:
/// the outbox row's report is delivered once, the case item's change is skipped, and the batch
/// delivered again sends nothing more.
async fn the_stream_event_dispatches_the_outbox_row_once(backend: Backend) {
    use oys_application::ports::OutboxRow;
    use oys_shared::routing::Route;
    let reference = oys_shared::Reference::parse("OYS-K7M2-Q9XD").unwrap();
    let row = OutboxRow { reference: reference.clone(), id: "9d2f6b1c4e8a4f0b8c3d2e1f0a9b8c7d".into(), at: STORED_AT };
    store_the_events_report(&backend, &reference, Some(row.clone())).await;
    assert_eq!(
        oys_aws::outbox_keys(&row).1,
        "OUTBOX#001795515307000#9d2f6b1c4e8a4f0b8c3d2e1f0a9b8c7d",
        "the event's key"
    );

    let batch: aws_lambda_events::event::dynamodb::Event =
        serde_json::from_str(&event("dynamodb-stream-outbox.json")).unwrap();
    let response = oys_lambda::stream::handle_stream_batch(&backend.services, batch.clone()).await;
    assert!(response.batch_item_failures.is_empty(), "{response:?}");
    assert!(backend.services.reports.get_report(&reference).await.unwrap().unwrap().pending.is_empty());
    assert!(backend.services.reports.outbox(jiff::Timestamp::MAX, 10).await.unwrap().is_empty(), "row cleared");
    oys_lambda::stream::handle_stream_batch(&backend.services, batch).await;
    for route in [Route::PoliceReferral, Route::AdvocateAssignment] {
        assert_eq!(backend.drain(route).await.len(), 1, "{route}: one message");
    }
    let alerts = backend.emails().await.into_iter().filter(|e| e.subject.contains("OYS-K7M2-Q9XD")).count();
    assert_eq!(alerts, 1, "one operators' alert");
}

/// The scheduler's event, handed to what the `deadline-reminders` function runs.
async fn the_scheduler_event_runs_the_job_once(backend: Backend) {
    let answer = crate::api::post_json(&backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    backend.run_workers().await;
    backend.clock.set("2026-11-26T17:00:00Z".parse().unwrap());
    let tick = crate::support::event_json("scheduler-deadline-reminders.json");
    let leads = vec!["leads@on-your-side.test".to_string()];
    let first = oys_lambda::scheduled::handle_scheduled_event(&backend.services, &leads, &tick).await.unwrap();
    assert_eq!(first["reminders"], 1);
    let second = oys_lambda::scheduled::handle_scheduled_event(&backend.services, &leads, &tick).await.unwrap();
    assert_eq!(second["reminders"], 0);
}

/// A REST API (payload 1.0) event, as the public API in `infra/template.yaml` sends it. Without
/// `AWS_LAMBDA_HTTP_IGNORE_STAGE_IN_PATH` (set in the template) lambda_http puts the stage in
/// the path; the test checks that and strips it, rather than set a process-wide variable.
async fn invoke_rest(router: axum::Router, file: &str) -> (StatusCode, axum::http::HeaderMap, serde_json::Value) {
    let request = lambda_http::request::from_str(&event(file)).expect("a valid API Gateway REST event");
    let (mut parts, body) = request.into_parts();
    let path = parts.uri.path().to_string();
    let path = path.strip_prefix("/live").unwrap_or_else(|| panic!("the stage is in the path: {path}"));
    parts.uri = path.parse().unwrap();
    let method = parts.method.to_string();
    let request = axum::http::Request::from_parts(parts, axum::body::Body::from(body.to_vec()));
    let response = router.oneshot(request).await.unwrap();
    let (status, headers, bytes) = crate::support::contract::read(&method, path, response).await;
    (status, headers, serde_json::from_slice(&bytes).unwrap())
}

async fn the_rest_api_events_reach_the_public_router(backend: Backend) {
    let router = || backend.router();
    let (status, _, body) = invoke_rest(router(), "apigw-rest-report-full.json").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, _, again) = invoke_rest(router(), "apigw-rest-report-full.json").await;
    assert_eq!((status, without_receipt(&again)), (StatusCode::CREATED, without_receipt(&body)), "the key holds");
    let (status, _, form) = invoke_rest(router(), "apigw-rest-report-urlencoded.json").await;
    assert_eq!(status, StatusCode::CREATED, "{form}");
    let (status, _, _) = invoke_rest(router(), "apigw-rest-health.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(backend.case_count().await, 2);
}

async fn the_form_origin_and_only_it_may_read_answers_from_a_browser(backend: Backend) {
    let router = backend.router();
    let ask = |origin: &str| {
        axum::http::Request::builder()
            .method("OPTIONS")
            .uri("/v1/reports")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type,idempotency-key")
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let allowed = router.clone().oneshot(ask("https://report.example.org")).await.unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://report.example.org");
    let other = router.oneshot(ask("https://elsewhere.example.com")).await.unwrap();
    // The header names the form's origin whatever is asked, so a browser elsewhere is refused.
    assert_eq!(other.headers()["access-control-allow-origin"], "https://report.example.org");
    assert!(oys_web::submit_report(backend.services.clone(), "").is_err(), "FORM_ORIGIN is required");
}

/// The report form through the public REST API: a browser's page request and its no-script
/// POST, converted by lambda_http as in Lambda.
async fn the_report_form_is_served_through_the_rest_api(backend: Backend) {
    let invoke = |file: &'static str| {
        let router = backend.router();
        async move {
            let request = lambda_http::request::from_str(&event(file)).expect("a valid API Gateway REST event");
            let (mut parts, body) = request.into_parts();
            let path = parts.uri.path().strip_prefix("/live").expect("the stage is in the path").to_string();
            parts.uri = path.parse().unwrap();
            let method = parts.method.to_string();
            let request = axum::http::Request::from_parts(parts, axum::body::Body::from(body.to_vec()));
            let response = router.oneshot(request).await.unwrap();
            let (status, headers, bytes) = crate::support::contract::read(&method, &path, response).await;
            (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
        }
    };
    let (status, headers, html) = invoke("apigw-rest-form-page.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["cache-control"], "no-store");
    assert!(html.contains("<html lang=\"zh-Hant\">") && html.contains("提交舉報"));
    // Without the form page's cookie (this event carries none), the confirmation comes in the
    // answer; with it, a 303 to `sent` (tests/all/form.rs).
    let (status, _, html) = invoke("apigw-rest-form-post.json").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"reference\""));
    assert_eq!(backend.case_count().await, 1);
}

oys_test_support::on_both_backends!(
    the_stream_event_dispatches_the_outbox_row_once,
    the_report_form_is_served_through_the_rest_api,
    the_operator_api_events_are_answered_by_role,
    the_full_report_event_is_accepted_routed_and_idempotent,
    the_anonymous_report_event_is_accepted_and_only_alerted,
    the_invalid_report_event_is_refused_in_chinese_and_stores_nothing,
    the_urlencoded_form_event_is_accepted,
    the_scheduler_event_runs_the_job_once,
    the_rest_api_events_reach_the_public_router,
    the_form_origin_and_only_it_may_read_answers_from_a_browser,
);
