//! The API Gateway HTTP API events in `events/`, converted by `lambda_http` exactly as in
//! Lambda and handed to the router the function serves.

use axum::http::StatusCode;
use oys_shared::routing::Route;
use tower::ServiceExt;

use crate::support::{event, Backend};

async fn invoke(backend: &Backend, file: &str) -> (StatusCode, serde_json::Value) {
    let request = lambda_http::request::from_str(&event(file)).expect("a valid API Gateway v2 event");
    let request = request.map(|body| axum::body::Body::from(body.to_vec()));
    let response = backend.router().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn the_full_report_event_is_accepted_routed_and_idempotent() {
    let backend = Backend::moto().await;
    let (status, first) = invoke(&backend, "apigw-v2-submit-full.json").await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    // The event carries an Idempotency-Key: API Gateway redelivering it creates nothing new.
    let (status, again) = invoke(&backend, "apigw-v2-submit-full.json").await;
    assert_eq!((status, &again), (StatusCode::CREATED, &first));
    assert_eq!(backend.case_count().await, 1);
    assert_eq!(backend.drain(Route::PoliceReferral).await.len(), 1);
    assert_eq!(backend.drain(Route::AdvocateAssignment).await.len(), 1);
    assert_eq!(backend.emails().await.len(), 1);
}

#[tokio::test]
async fn the_anonymous_report_event_is_accepted_and_only_alerted() {
    let backend = Backend::embedded().await;
    let (status, body) = invoke(&backend, "apigw-v2-submit-anonymous.json").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["routes"], serde_json::json!([]));
    assert!(backend.drain(Route::PoliceReferral).await.is_empty());
    assert_eq!(backend.emails().await.len(), 1);
}

#[tokio::test]
async fn the_invalid_report_event_is_refused_in_chinese_and_stores_nothing() {
    let backend = Backend::embedded().await;
    let (status, body) = invoke(&backend, "apigw-v2-submit-invalid.json").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"].as_array().unwrap().len() >= 8, "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("此項"));
    assert_eq!(backend.case_count().await, 0);
    assert!(backend.emails().await.is_empty());
}

#[tokio::test]
async fn the_urlencoded_form_event_is_accepted() {
    let backend = Backend::embedded().await;
    let (status, body) = invoke(&backend, "apigw-v2-submit-urlencoded.json").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["routes"], serde_json::json!(["police_referral", "advocate_assignment"]));
    assert_eq!(backend.case_count().await, 1);
}
