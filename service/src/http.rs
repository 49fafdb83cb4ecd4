//! The HTTP API (API.md): one axum router, served by `lambda_http` in AWS and by `axum::serve`
//! in the local runner.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};
use tracing::{error, warn};

use oys_shared::i18n::{self, Language};
use oys_shared::report::{limits, value_from_form, Submitter};
use oys_shared::{ErrorCode, FieldError};

use crate::intake::{self, Services, Submission, SubmitOutcome};

pub fn router(services: Arc<Services>) -> Router {
    Router::new()
        .route("/v1/reports", post(submit_report))
        .route("/health", get(health))
        .fallback(not_found)
        .with_state(services)
}

async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"errors": [{"field": "path", "code": "not_found", "message": "No such route."}]})),
    )
        .into_response()
}

/// An error as the API shows it: the field, a stable code and a message in the reporter's language.
#[derive(Debug, Serialize)]
struct ErrorBody {
    field: String,
    code: ErrorCode,
    message: String,
}

fn error_response(status: StatusCode, language: Language, errors: &[FieldError]) -> Response {
    let errors: Vec<ErrorBody> = errors
        .iter()
        .map(|e| {
            let args: Vec<(&str, String)> = e.params.iter().map(|(k, v)| (*k, v.clone())).collect();
            ErrorBody {
                field: e.field.clone(),
                code: e.code,
                message: i18n::message(language, &format!("error-{}", e.code.as_str()), &args),
            }
        })
        .collect();
    (status, Json(json!({ "errors": errors }))).into_response()
}

/// The body's media type, if it is one this endpoint reads.
#[derive(Debug, Clone, Copy, PartialEq)]
enum BodyKind {
    Json,
    Form,
}

fn body_kind(headers: &HeaderMap) -> Option<BodyKind> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(BodyKind::Json),
        "application/x-www-form-urlencoded" => Some(BodyKind::Form),
        _ => None,
    }
}

/// The `Idempotency-Key` header: absent, or 1–128 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ()> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let bytes = value.as_bytes();
    if bytes.is_empty() || bytes.len() > 128 || !bytes.iter().all(|b| (0x21..=0x7e).contains(b)) {
        return Err(());
    }
    Ok(Some(String::from_utf8(bytes.to_vec()).expect("visible ASCII is UTF-8")))
}

async fn submit_report(State(services): State<Arc<Services>>, headers: HeaderMap, body: Body) -> Response {
    // Before the body is read, only the header can tell the language.
    let header_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::from_accept_language)
        .unwrap_or(Language::English);

    let Some(kind) = body_kind(&headers) else {
        return error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            header_language,
            &[FieldError::new("body", ErrorCode::UnsupportedMediaType)],
        );
    };
    let too_large = || {
        error_response(
            StatusCode::PAYLOAD_TOO_LARGE,
            header_language,
            &[FieldError::new("body", ErrorCode::BodyTooLarge).with("max", limits::BODY_BYTES)],
        )
    };
    let declared_length =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared_length.is_some_and(|len| len > limits::BODY_BYTES) {
        return too_large();
    }
    let Ok(bytes) = axum::body::to_bytes(body, limits::BODY_BYTES).await else {
        return too_large();
    };
    let value = match kind {
        BodyKind::Json => match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) => value,
            Err(err) => {
                // serde_json's syntax errors name a position, never the content.
                let error = FieldError::new("body", ErrorCode::MalformedBody).with("detail", err);
                return error_response(StatusCode::BAD_REQUEST, header_language, &[error]);
            }
        },
        BodyKind::Form => value_from_form(form_urlencoded::parse(&bytes)),
    };
    let language = oys_shared::report::requested_language(&value).unwrap_or(header_language);
    if !value.is_object() {
        let error = FieldError::new("body", ErrorCode::InvalidType).with("expected", "object");
        return error_response(StatusCode::BAD_REQUEST, language, &[error]);
    }
    let Ok(idempotency_key) = idempotency_key(&headers) else {
        let error = FieldError::new("Idempotency-Key", ErrorCode::InvalidIdempotencyKey);
        return error_response(StatusCode::BAD_REQUEST, language, &[error]);
    };

    let submission = Submission { body: value, submitter: Submitter::Public, idempotency_key };
    match intake::submit(&services, submission).await {
        Ok(SubmitOutcome::Accepted(receipt)) => (StatusCode::CREATED, Json(receipt)).into_response(),
        Ok(SubmitOutcome::Replayed(receipt)) => {
            let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
            response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Ok(SubmitOutcome::Invalid { language, errors }) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            warn!(error_count = errors.len(), fields = ?fields, "report refused");
            error_response(StatusCode::UNPROCESSABLE_ENTITY, language, &errors)
        }
        Ok(SubmitOutcome::IdempotencyKeyReused { language }) => error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            language,
            &[FieldError::new("Idempotency-Key", ErrorCode::IdempotencyKeyReused)],
        ),
        Err(err) => {
            error!(error = %err, "report could not be stored");
            let mut response = error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                language,
                &[FieldError::new("body", ErrorCode::ServiceUnavailable)],
            );
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            response
        }
    }
}
