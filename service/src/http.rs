//! The HTTP API (API.md): axum routers served by `lambda_http` in AWS and by `axum::serve` in
//! the local runner. `router` is the public API (the form); `full_router` adds the operator
//! routes behind authentication.

use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::request::Parts;
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

use crate::auth::{AuthError, Authenticator};
use crate::casework::{CaseError, Casework};
use crate::intake::{self, Services, Submission, SubmitOutcome};
use oys_shared::casework::{Caller, CaseStatus};
use oys_shared::Reference;

#[derive(Clone)]
struct AppState {
    services: Arc<Services>,
    /// Present where the operator routes are served.
    casework: Option<Arc<Casework>>,
    auth: Arc<Authenticator>,
}

/// The public API: the report form's endpoint. Requests carrying credentials are refused:
/// staff use the operator API.
pub fn router(services: Arc<Services>) -> Router {
    build(AppState { services, casework: None, auth: Arc::new(Authenticator::PublicOnly) })
}

/// The public and operator routes, with `auth` deciding who is calling.
pub fn full_router(casework: Arc<Casework>, auth: Authenticator) -> Router {
    let services = Arc::new(casework.services.clone());
    build(AppState { services, casework: Some(casework), auth: Arc::new(auth) })
}

fn build(state: AppState) -> Router {
    Router::new()
        .route("/v1/reports", post(submit_report))
        .route("/v1/cases", get(list_cases))
        .route("/v1/cases/{reference}", get(get_case))
        .route("/v1/cases/{reference}/events", post(post_event))
        .route("/v1/cases/{reference}/export", get(export_case))
        .route("/v1/cases/{reference}/erase", post(erase_case))
        .route("/v1/cases/{reference}/audit", get(case_audit))
        .route("/health", get(health))
        .fallback(not_found)
        .with_state(state)
}

/// The answer to a client over its rate limit: 429, `Retry-After`, and a JSON error.
pub fn rate_limited(retry_after_seconds: u64) -> Response {
    let error = FieldError::new("body", ErrorCode::RateLimited).with("retry_after", retry_after_seconds);
    let mut response = error_response(StatusCode::TOO_MANY_REQUESTS, Language::English, &[error]);
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    response
}

/// Lets the report form's origin call the public API from a browser (CORS). In AWS the REST
/// API passes the function's answers through, so the function adds the headers itself.
pub fn with_form_origin(router: Router, origin: &str) -> Result<Router, String> {
    use axum::http::{HeaderName, Method};
    let origin = HeaderValue::from_str(origin.trim())
        .ok()
        .filter(|o| o.to_str().is_ok_and(|o| o.starts_with("https://") || o.starts_with("http://localhost")))
        .ok_or_else(|| "FORM_ORIGIN must be an origin such as https://report.example.org".to_string())?;
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(origin)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT_LANGUAGE, HeaderName::from_static("idempotency-key")])
        .max_age(std::time::Duration::from_secs(600));
    Ok(router.layer(cors))
}

async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, Language::English, &[FieldError::new("path", ErrorCode::NotFound)])
}

/// An error as the API shows it: the field, a stable code and a message in the reporter's language.
#[derive(Debug, Serialize)]
struct ErrorBody {
    field: String,
    code: ErrorCode,
    message: String,
}

fn error_response(status: StatusCode, language: Language, errors: &[FieldError]) -> Response {
    let errors: Vec<ErrorBody> = oys_shared::errors::capped(errors)
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

async fn submit_report(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // A report taken by an operator (phone, webchat) carries their credentials.
    let operator = match state.auth.caller(&parts) {
        Ok(None) => None,
        Ok(Some(caller)) if caller.is_operator() && state.casework.is_some() => Some(caller),
        Ok(Some(_)) => return staff_error(CaseError::Forbidden, "POST /v1/reports"),
        Err(AuthError::Unauthenticated) => return staff_error(CaseError::Unauthenticated, "POST /v1/reports"),
    };
    let (services, headers) = (&state.services, &parts.headers);
    // Before the body is read, only the header can tell the language.
    let header_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Language::from_accept_language)
        .unwrap_or(Language::English);

    let Some(kind) = body_kind(headers) else {
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
    crate::telemetry::leak_canary!("http", &String::from_utf8_lossy(&bytes));
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
    let Ok(idempotency_key) = idempotency_key(headers) else {
        let error = FieldError::new("Idempotency-Key", ErrorCode::InvalidIdempotencyKey);
        return error_response(StatusCode::BAD_REQUEST, language, &[error]);
    };

    let submitter = if operator.is_some() { Submitter::Operator } else { Submitter::Public };
    let submission = Submission { body: value, submitter, idempotency_key };
    match intake::submit(services, submission).await {
        Ok(SubmitOutcome::Accepted(receipt)) => {
            if let (Some(caller), Some(casework)) = (&operator, &state.casework) {
                // The operator is recorded as the report's author.
                if let Err(error) = casework.report_taken(caller, &receipt.reference).await {
                    error!(%error, reference = %receipt.reference, "could not audit the report's author");
                }
            }
            (StatusCode::CREATED, Json(receipt)).into_response()
        }
        Ok(SubmitOutcome::Replayed(receipt)) => {
            let mut response = (StatusCode::CREATED, Json(receipt)).into_response();
            response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            response
        }
        Ok(SubmitOutcome::Invalid { language, errors }) => {
            // Counts and codes only: field names can be the caller's own words.
            let mut codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            warn!(error_count = errors.len(), codes = ?codes, "report refused");
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

// ---- operator routes -------------------------------------------------------------------

/// A refused operator request: the error and the route it was refused on (for the log).
struct Refusal {
    error: CaseError,
    route: &'static str,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        staff_error(self.error, self.route)
    }
}

/// The casework service and the authenticated caller.
fn staff(state: &AppState, parts: &Parts, route: &'static str) -> Result<(Arc<Casework>, Caller), Refusal> {
    let refuse = |error| Refusal { error, route };
    let casework = state.casework.clone().ok_or(refuse(CaseError::NotFound))?;
    match state.auth.caller(parts) {
        Ok(Some(caller)) => Ok((casework, caller)),
        Ok(None) | Err(AuthError::Unauthenticated) => Err(refuse(CaseError::Unauthenticated)),
    }
}

/// For routes on one case: the casework service, the caller and the case reference.
fn case_request(
    state: &AppState,
    parts: &Parts,
    route: &'static str,
    raw: &str,
) -> Result<(Arc<Casework>, Caller, Reference), Refusal> {
    let (casework, caller) = staff(state, parts, route)?;
    let reference = Reference::parse(raw).ok_or(Refusal { error: CaseError::NotFound, route })?;
    Ok((casework, caller, reference))
}

fn staff_error(error: CaseError, route: &'static str) -> Response {
    let (status, error) = match &error {
        CaseError::Unauthenticated => {
            (StatusCode::UNAUTHORIZED, FieldError::new("Authorization", ErrorCode::Unauthenticated))
        }
        CaseError::Forbidden => (StatusCode::FORBIDDEN, FieldError::new("Authorization", ErrorCode::Forbidden)),
        CaseError::NotFound => (StatusCode::NOT_FOUND, FieldError::new("reference", ErrorCode::NotFound)),
        CaseError::Invalid(errors) => {
            let status = if errors.iter().any(|e| e.code == ErrorCode::VersionConflict) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            return error_response(status, Language::English, errors);
        }
        CaseError::Port(port) => {
            error!(error = %port, route, "operator request failed");
            // Its own words: nothing about saving a report.
            let message = i18n::message(Language::English, "error-service_unavailable-staff", &[]);
            let body =
                json!({"errors": [{"field": "body", "code": ErrorCode::ServiceUnavailable, "message": message}]});
            let mut response = (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response();
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            return response;
        }
    };
    // Refusals are logged by route and kind only: no reference, no personal data.
    warn!(route, status = status.as_u16(), "operator request refused");
    let mut response = error_response(status, Language::English, &[error]);
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// `status` and `due_before`, read after authentication (an extractor would answer a bad
/// query in plain text before checking who is asking). `due_before` takes a date-time, or a date
/// meaning the start of that day in UK time.
fn list_query(query: Option<&str>) -> Result<(Option<CaseStatus>, Option<jiff::Timestamp>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let (mut status, mut due_before) = (None, None);
    let mut seen = std::collections::HashSet::new();
    for (key, value) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if !seen.insert(key.clone()) {
            errors.push(
                FieldError::new(oys_shared::errors::sanitised_field_name(&key), ErrorCode::TooMany).with("max", 1),
            );
            continue;
        }
        match key.as_ref() {
            "status" => match CaseStatus::parse(&value) {
                Some(parsed) => status = Some(parsed),
                None => errors
                    .push(FieldError::new("status", ErrorCode::InvalidChoice).with("allowed", CaseStatus::allowed())),
            },
            "due_before" => {
                let parsed = value.parse::<jiff::Timestamp>().ok().or_else(|| {
                    let date = value.parse::<jiff::civil::Date>().ok()?;
                    let midnight = date.to_datetime(jiff::civil::Time::constant(0, 0, 0, 0));
                    midnight.to_zoned_datetime(oys_shared::calendar::london()).ok().map(|zoned| zoned.timestamp())
                });
                match parsed {
                    Some(parsed) => due_before = Some(parsed),
                    None => errors.push(FieldError::new("due_before", ErrorCode::InvalidDateTime)),
                }
            }
            other => errors.push(
                FieldError::new(oys_shared::errors::sanitised_field_name(other), ErrorCode::UnknownField)
                    .with("of", "list"),
            ),
        }
    }
    if errors.is_empty() {
        Ok((status, due_before))
    } else {
        Err(errors)
    }
}

async fn list_cases(State(state): State<AppState>, request: Request) -> Result<Response, Refusal> {
    const ROUTE: &str = "GET /v1/cases";
    let parts = request.into_parts().0;
    let (casework, caller) = staff(&state, &parts, ROUTE)?;
    let (status, due_before) =
        list_query(parts.uri.query()).map_err(|errors| Refusal { error: CaseError::Invalid(errors), route: ROUTE })?;
    let cases = casework.list(&caller, status, due_before).await.map_err(|error| Refusal { error, route: ROUTE })?;
    Ok(Json(json!({ "cases": cases })).into_response())
}

async fn get_case(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Result<Response, Refusal> {
    const ROUTE: &str = "GET /v1/cases/{reference}";
    let (casework, caller, reference) = case_request(&state, &request.into_parts().0, ROUTE, &reference)?;
    let view = casework.detail(&caller, &reference).await.map_err(|error| Refusal { error, route: ROUTE })?;
    Ok(Json(view).into_response())
}

async fn post_event(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Result<Response, Refusal> {
    const ROUTE: &str = "POST /v1/cases/{reference}/events";
    let (parts, body) = request.into_parts();
    let (casework, caller, reference) = case_request(&state, &parts, ROUTE, &reference)?;
    // Events are JSON only: a form or any other body is refused before it is read.
    if body_kind(&parts.headers) != Some(BodyKind::Json) {
        let error = FieldError::new("body", ErrorCode::UnsupportedMediaType);
        return Ok(error_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, Language::English, &[error]));
    }
    let Ok(bytes) = axum::body::to_bytes(body, limits::BODY_BYTES).await else {
        let error = FieldError::new("body", ErrorCode::BodyTooLarge).with("max", limits::BODY_BYTES);
        return Ok(error_response(StatusCode::PAYLOAD_TOO_LARGE, Language::English, &[error]));
    };
    let value: Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(err) => {
            let error = FieldError::new("body", ErrorCode::MalformedBody).with("detail", err);
            return Ok(error_response(StatusCode::BAD_REQUEST, Language::English, &[error]));
        }
    };
    let record =
        casework.record_event(&caller, &reference, &value).await.map_err(|error| Refusal { error, route: ROUTE })?;
    Ok((StatusCode::CREATED, Json(record)).into_response())
}

async fn export_case(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Result<Response, Refusal> {
    const ROUTE: &str = "GET /v1/cases/{reference}/export";
    let (casework, caller, reference) = case_request(&state, &request.into_parts().0, ROUTE, &reference)?;
    let export = casework.export(&caller, &reference).await.map_err(|error| Refusal { error, route: ROUTE })?;
    Ok(Json(export).into_response())
}

async fn erase_case(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Result<Response, Refusal> {
    const ROUTE: &str = "POST /v1/cases/{reference}/erase";
    let (casework, caller, reference) = case_request(&state, &request.into_parts().0, ROUTE, &reference)?;
    casework.erase(&caller, &reference).await.map_err(|error| Refusal { error, route: ROUTE })?;
    Ok(Json(json!({"reference": reference, "erased": true})).into_response())
}

async fn case_audit(
    State(state): State<AppState>,
    Path(reference): Path<String>,
    request: Request,
) -> Result<Response, Refusal> {
    const ROUTE: &str = "GET /v1/cases/{reference}/audit";
    let (casework, caller, reference) = case_request(&state, &request.into_parts().0, ROUTE, &reference)?;
    let trail = casework.audit_trail(&caller, &reference).await.map_err(|error| Refusal { error, route: ROUTE })?;
    Ok(Json(trail).into_response())
}
