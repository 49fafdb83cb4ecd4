//! `POST /v1/reports`: reading a report request (media type, size, body, idempotency key) and
//! answering what intake made of it; `POST /v1/follow-ups`; and the public router, which serves
//! them with the report form's and the statistics' routes.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use tracing::{error, warn};

use oys_shared::i18n::Language;
use oys_shared::report::{limits, read_report_request, requested_language, Submitter};

use crate::form::value_from_form;
use oys_shared::{ErrorCode, FieldError};

use super::{retry_after, ApiError, UNAVAILABLE_RETRY_SECONDS};
use crate::Services;
use oys_application::intake::{self, IntakeError, Submission, SubmitOutcome};

/// The public API: the report endpoint (a request carrying credentials is refused: staff use
/// the operator API), the report form and the follow-up API (`form_routes`), and the
/// statistics (`stats_routes`).
pub fn public_router(services: Arc<Services>) -> Router {
    Router::new()
        .route(super::REPORTS, post(public_submit))
        .route(super::HEALTH, get(super::health))
        .fallback(super::not_found)
        .with_state(services.clone())
        .merge(super::form_routes(services.clone()))
        .merge(super::stats_routes(services))
}

async fn public_submit(State(services): State<Arc<Services>>, headers: HeaderMap, body: Body) -> Response {
    if headers.contains_key(header::AUTHORIZATION) {
        return ApiError::Unauthenticated.into_response();
    }
    match read_report(&headers, body, Submitter::Public).await {
        Ok((request, language)) => answer(submit_request(&services, request, None).await, language),
        Err(refusal) => refusal.into_response(),
    }
}

/// `POST /v1/follow-ups`: what a reporter adds with their reference and receipt (JSON only:
/// the form has its own page). A wrong receipt and an unknown reference get the same 403.
pub(super) async fn public_follow_up(
    State(services): State<Arc<Services>>,
    super::ClientAddress(client): super::ClientAddress,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let language = header_language(&headers);
    if headers.contains_key(header::AUTHORIZATION) {
        return ApiError::Unauthenticated.into_response();
    }
    if body_kind(&headers) != Some(BodyKind::Json) {
        let error = FieldError::new("body", ErrorCode::UnsupportedMediaType);
        return ApiError::fields(StatusCode::UNSUPPORTED_MEDIA_TYPE, language, vec![error]).into_response();
    }
    let value = match read_body(&headers, body, language).await.and_then(|bytes| parse_json(&bytes, language)) {
        Ok(value) => value,
        Err(refusal) => return refusal.into_response(),
    };
    let outcome = match oys_shared::follow_up::parse_follow_up(&value) {
        Ok(request) => oys_application::follow_up::add_to_report(&services, request, client.as_deref()).await,
        Err(errors) => Ok(oys_application::follow_up::FollowUpOutcome::Invalid(errors)),
    };
    follow_up_answer(outcome, language, services.clock.now())
}

/// The JSON answer to a follow-up.
fn follow_up_answer(
    outcome: Result<oys_application::follow_up::FollowUpOutcome, oys_application::ports::PortError>,
    language: Language,
    now: jiff::Timestamp,
) -> Response {
    use oys_application::follow_up::FollowUpOutcome;
    match outcome {
        Ok(FollowUpOutcome::Added { added_information, asked_for_advocate }) => (
            StatusCode::CREATED,
            Json(serde_json::json!({"added_information": added_information, "asked_for_advocate": asked_for_advocate})),
        )
            .into_response(),
        Ok(FollowUpOutcome::Invalid(errors)) => {
            ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, language, errors).into_response()
        }
        Ok(FollowUpOutcome::NotRecognised) => {
            let error = FieldError::new("receipt", ErrorCode::ReceiptNotRecognised);
            ApiError::fields(StatusCode::FORBIDDEN, language, vec![error]).into_response()
        }
        Ok(FollowUpOutcome::TooManyAttempts) => {
            let error = FieldError::new("receipt", ErrorCode::TooManyAttempts);
            let response = ApiError::fields(StatusCode::TOO_MANY_REQUESTS, language, vec![error]).into_response();
            retry_after(response, oys_application::follow_up::retry_after_seconds(now))
        }
        Err(err) => {
            error!(error = %err, "{}", oys_application::telemetry::failures::FOLLOW_UP_NOT_ADDED);
            let error = FieldError::new("body", ErrorCode::FollowUpUnavailable);
            let response = ApiError::fields(StatusCode::SERVICE_UNAVAILABLE, language, vec![error]).into_response();
            retry_after(response, UNAVAILABLE_RETRY_SECONDS)
        }
    }
}

/// The language `Accept-Language` prefers, else English: what a refusal is worded in before
/// (or without) a body that names one.
fn header_language(headers: &HeaderMap) -> Language {
    super::accepted_language(headers).unwrap_or(Language::English)
}

/// The body's media type, if it is one the API reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum BodyKind {
    Json,
    Form,
}

pub(super) fn body_kind(headers: &HeaderMap) -> Option<BodyKind> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(BodyKind::Json),
        "application/x-www-form-urlencoded" => Some(BodyKind::Form),
        _ => None,
    }
}

/// The body, read up to the limit (a declared length over it is refused before reading).
pub(super) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    language: Language,
) -> Result<axum::body::Bytes, ApiError> {
    let too_large = || {
        let error = FieldError::new("body", ErrorCode::BodyTooLarge).with("max", limits::BODY_BYTES);
        ApiError::fields(StatusCode::PAYLOAD_TOO_LARGE, language, vec![error])
    };
    let declared_length =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared_length.is_some_and(|len| len > limits::BODY_BYTES) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, limits::BODY_BYTES).await.map_err(|_| too_large())
}

/// JSON, or a refusal that names the position of the fault (serde_json's syntax errors never
/// quote the content). Public for the property tests (`tests/http_parsers.rs`).
pub fn parse_json(bytes: &[u8], language: Language) -> Result<Value, ApiError> {
    serde_json::from_slice::<Value>(bytes).map_err(|err| {
        let error = FieldError::new("body", ErrorCode::MalformedBody).with("detail", err);
        ApiError::fields(StatusCode::BAD_REQUEST, language, vec![error])
    })
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

/// A report request read off the wire: its JSON (or the form's answers as JSON), who sent it
/// and its `Idempotency-Key`. Intake takes it once it is parsed (`submit_request`).
#[derive(Debug)]
pub struct ReportRequest {
    pub body: Value,
    pub submitter: Submitter,
    pub idempotency_key: Option<String>,
}

impl ReportRequest {
    /// The submission intake takes, or the refusal to answer with (`SubmitOutcome::Invalid`).
    pub fn into_submission(self, now: jiff::Timestamp, taken_by: Option<String>) -> Result<Submission, SubmitOutcome> {
        match read_report_request(&self.body, now, self.submitter) {
            Ok((report, fingerprint)) => {
                Ok(Submission { report, fingerprint, idempotency_key: self.idempotency_key, taken_by })
            }
            Err((language, errors)) => Err(SubmitOutcome::Invalid { language, errors }),
        }
    }
}

/// Parses a report request and, if it is a report, hands it to intake; `taken_by` is the staff
/// member who took it for a caller. A request that is not a report is answered `Invalid`,
/// nothing stored.
pub async fn submit_request(
    services: &Services,
    request: ReportRequest,
    taken_by: Option<String>,
) -> Result<SubmitOutcome, IntakeError> {
    match request.into_submission(services.clock.now(), taken_by) {
        Ok(submission) => intake::submit(services, submission).await,
        Err(refusal) => Ok(refusal),
    }
}

/// Reads a report request, and the language to answer in; or the refusal. Public for the
/// property tests (`tests/http_parsers.rs`).
pub async fn read_report(
    headers: &HeaderMap,
    body: Body,
    submitter: Submitter,
) -> Result<(ReportRequest, Language), ApiError> {
    // Before the body is read, only the header can tell the language.
    let header_language = header_language(headers);
    let Some(kind) = body_kind(headers) else {
        let error = FieldError::new("body", ErrorCode::UnsupportedMediaType);
        return Err(ApiError::fields(StatusCode::UNSUPPORTED_MEDIA_TYPE, header_language, vec![error]));
    };
    let bytes = read_body(headers, body, header_language).await?;
    oys_application::leak_canary!("http", &String::from_utf8_lossy(&bytes));
    let value = match kind {
        BodyKind::Json => parse_json(&bytes, header_language)?,
        BodyKind::Form => value_from_form(form_urlencoded::parse(&bytes)),
    };
    let language = requested_language(&value).unwrap_or(header_language);
    if !value.is_object() {
        let error = FieldError::new("body", ErrorCode::InvalidType).with("expected", "object");
        return Err(ApiError::fields(StatusCode::BAD_REQUEST, language, vec![error]));
    }
    let Ok(idempotency_key) = idempotency_key(headers) else {
        let error = FieldError::new("Idempotency-Key", ErrorCode::InvalidIdempotencyKey);
        return Err(ApiError::fields(StatusCode::BAD_REQUEST, language, vec![error]));
    };
    Ok((ReportRequest { body: value, submitter, idempotency_key }, language))
}

/// A 201's body: the receipt of the report, and the follow-up receipt (shown once).
#[derive(serde::Serialize)]
struct ReportAnswer {
    #[serde(flatten)]
    receipt: oys_shared::routing::Receipt,
    follow_up_receipt: Option<String>,
}

impl ReportAnswer {
    fn new(receipt: oys_shared::routing::Receipt, follow_up: Option<oys_shared::follow_up::FollowUpReceipt>) -> Self {
        ReportAnswer { receipt, follow_up_receipt: follow_up.map(|r| r.expose().to_string()) }
    }
}

/// The answer to what intake made of a report.
pub(super) fn answer(outcome: Result<SubmitOutcome, IntakeError>, language: Language) -> Response {
    match outcome {
        Ok(SubmitOutcome::Accepted(receipt, follow_up)) => {
            (StatusCode::CREATED, Json(ReportAnswer::new(receipt, follow_up))).into_response()
        }
        Ok(SubmitOutcome::Replayed(receipt, follow_up)) => {
            let mut response = (StatusCode::CREATED, Json(ReportAnswer::new(receipt, follow_up))).into_response();
            response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Ok(SubmitOutcome::Invalid { language, errors }) => {
            // Counts and codes only: field names can be the caller's own words.
            let mut codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            warn!(error_count = errors.len(), codes = ?codes, "report refused");
            ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, language, errors).into_response()
        }
        Ok(SubmitOutcome::IdempotencyKeyReused { language }) => {
            let error = FieldError::new("Idempotency-Key", ErrorCode::IdempotencyKeyReused);
            ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, language, vec![error]).into_response()
        }
        Err(err) => {
            error!(error = %err, "{}", oys_application::telemetry::failures::REPORT_NOT_STORED);
            ApiError::Unavailable { language, staff: false }.into_response()
        }
    }
}
