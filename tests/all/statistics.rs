//! Public statistics end to end, on both adapter sets: reports counted once as they are stored,
//! a withdrawal as spam leaving the counts, a closed month published once by the scheduled job
//! with small cells withheld, and the JSON, CSV and page serving only that publication.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use oys_application::ports::ManualClock;
use oys_application::Services;
use oys_shared::statistics::{publish, MonthCounts, NoiseKey};
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::support::{contract, event_json, Backend};
use oys_test_support::on_both_backends;

async fn get(backend: &Backend, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = backend.router().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers, bytes) = contract::read("GET", path, response).await;
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn a_closed_month_is_published_once_with_small_cells_withheld(backend: Backend) {
    let received: jiff::Timestamp = "2026-09-15T10:00:00Z".parse().unwrap();
    let at = |svc: &Services, t: jiff::Timestamp| Services { clock: Arc::new(ManualClock::new(t)), ..svc.clone() };
    let in_september = at(&backend.services, received);
    let mut expected = MonthCounts::new("2026-09");
    let mut references = Vec::new();
    for i in 0..14 {
        // Twelve online reports, two by phone: the phone cell is small and withheld.
        let mut report = event_json("report-anonymous.json");
        report["incident"]["occurred_on"] = json!("2026-09-14");
        let submitter = if i < 12 {
            oys_shared::report::Submitter::Public
        } else {
            report["channel"] = json!("phone");
            oys_shared::report::Submitter::Operator
        };
        let key = Some(format!("stats-{i}"));
        for _ in 0..2 {
            // Sent twice with one key: counted once.
            let request = oys_web::ReportRequest { body: report.clone(), submitter, idempotency_key: key.clone() };
            let outcome = oys_web::submit_request(&in_september, request, None).await.unwrap();
            if let oys_application::intake::SubmitOutcome::Accepted(receipt, _) = outcome {
                references.push(receipt.reference);
            }
        }
    }
    assert_eq!(references.len(), 14);
    for reference in &references {
        let stored = backend.services.reports.get_report(reference).await.unwrap().unwrap();
        expected.add(&stored.summary);
    }
    // One is spam: withdrawn before publication, it leaves the counts.
    let path = format!("/v1/cases/{}/events", references[0]);
    let request = Request::post(&path)
        .header("authorization", "Bearer local-operator-token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"type": "withdrawn_as_duplicate_or_spam"}).to_string()))
        .unwrap();
    let response = backend.full_router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let spam = backend.services.reports.get_report(&references[0]).await.unwrap().unwrap();
    expected.remove(&spam.summary);

    // Before the month has settled (closed on 1 October, plus a week) nothing is published.
    let early = at(&backend.services, "2026-10-05T12:00:00Z".parse().unwrap());
    assert_eq!(oys_application::statistics::publish_closed_months(&early).await.unwrap(), 0);
    let (_, _, body) = get(&backend, "/v1/stats").await;
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["months"], json!([]));

    let later = at(&backend.services, "2026-10-09T12:00:00Z".parse().unwrap());
    // A fixed noise key, to know the figures: with it the total's noise happens to be 0.
    let key = NoiseKey([1; 32]);
    assert_eq!(oys_application::statistics::publish_closed_months_with(&later, || key.clone()).await.unwrap(), 1);
    let (status, headers, body) = get(&backend, "/v1/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=3600");
    let published: Value = serde_json::from_str(&body).unwrap();
    let want = serde_json::to_value(publish(&expected, 10, &key)).unwrap();
    assert_eq!(published["months"], json!([want]), "the month as disclosure control publishes it");
    assert_eq!(published["months"][0]["reports"], 13, "14 reports, each once, less the spam");
    assert_eq!(published["months"][0]["channels"]["phone"], Value::Null, "2 by phone: withheld");
    assert_eq!(published["months"][0]["channels"]["online"], Value::Null, "and so is what would reveal it");

    // A later withdrawal does not change what was published.
    let path = format!("/v1/cases/{}/events", references[1]);
    let request = Request::post(&path)
        .header("authorization", "Bearer local-operator-token")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({"type": "withdrawn_as_duplicate_or_spam"}).to_string()))
        .unwrap();
    assert_eq!(backend.full_router().oneshot(request).await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(oys_application::statistics::publish_closed_months(&later).await.unwrap(), 0);
    let (_, _, again) = get(&backend, "/v1/stats").await;
    assert_eq!(again, body, "a published month never changes");

    let (status, _, csv) = get(&backend, "/v1/stats.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.starts_with("month,dimension,category,count,withheld\n"));
    assert!(csv.contains("2026-09,channel,phone,,true"), "{csv}");
    let (status, _, page) = get(&backend, "/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<svg") && page.contains("<title id=\"chart-title\">"), "a chart with a text alternative");
    assert!(page.contains("September 2026: 13"), "the chart's text alternative names the month");
    assert!(page.contains("<th scope=\"row\">Phone</th><td>withheld</td>"), "the table shows what was withheld");
    // And in every language of the form, with the month's name in it.
    let (status, _, korean) = get(&backend, "/ko/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(korean.contains("<html lang=\"ko\">") && korean.contains("2026년 9월"), "{korean}");
}

on_both_backends!(a_closed_month_is_published_once_with_small_cells_withheld);
