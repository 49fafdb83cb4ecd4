//! Reports posted to the public router as a browser would, with every answer checked against
//! `docs/openapi.json`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use tower::ServiceExt;

use crate::Backend;

pub struct Answer {
    pub status: StatusCode,
    pub replayed: bool,
    pub json: Value,
}

pub async fn post(router: axum::Router, content_type: &str, headers: &[(&str, &str)], body: impl Into<Body>) -> Answer {
    let mut request = Request::post("/v1/reports").header("content-type", content_type);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router.oneshot(request.body(body.into()).unwrap()).await.unwrap();
    let (status, headers, bytes) = crate::contract::read("POST", "/v1/reports", response).await;
    let replayed = headers.contains_key("idempotent-replayed");
    Answer { status, replayed, json: serde_json::from_slice(&bytes).unwrap_or(Value::Null) }
}

pub async fn post_json(backend: &Backend, body: &str) -> Answer {
    post(backend.router(), "application/json", &[], body.to_string()).await
}
