//! The operator routes (docs/openapi.json): casework for operators, leads and advocates, and
//! `POST /v1/reports` for reports taken by phone or webchat. Who is calling comes from the
//! `Authenticator` (the API Gateway JWT authorizer's claims, or the local runner's tokens).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequestParts, MatchedPath, Path, RawQuery, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tracing::{error, warn, Instrument};

use oys_shared::casework::{parse_event, Caller, CaseStatus};
use oys_shared::i18n::Language;
use oys_shared::report::Submitter;
use oys_shared::{ErrorCode, FieldError, Reference};

use super::report::{answer, body_kind, parse_json, read_body, read_report, submit_request, BodyKind};
use super::ApiError;
use crate::auth::{AuthError, Authenticator};
use oys_application::casework::{CaseError, Casework, ErasureIncomplete, ErasureStep};
use oys_application::intake::SubmitOutcome;

#[derive(Clone)]
struct OperatorState {
    casework: Arc<Casework>,
    auth: Arc<Authenticator>,
}

/// The report endpoint and the casework routes, with `auth` deciding who is calling.
pub fn operator_router(casework: Arc<Casework>, auth: Authenticator, console: super::ConsoleSignIn) -> Router {
    let router = Router::new()
        .route(super::REPORTS, post(take_report))
        .route("/v1/cases", get(list_cases))
        .route("/v1/cases/{reference}", get(get_case))
        .route("/v1/cases/{reference}/events", post(post_event))
        .route("/v1/cases/{reference}/export", get(export_case))
        .route("/v1/cases/{reference}/erase", post(erase_case))
        .route("/v1/cases/{reference}/audit", get(case_audit))
        .route(super::HEALTH, get(super::health))
        .fallback(super::not_found)
        .layer(axum::middleware::from_fn(log_by_route))
        .with_state(OperatorState { casework: casework.clone(), auth: Arc::new(auth) })
        // The report form, the follow-up API and the statistics, as on the public router. The
        // local runner serves them from here; so does the `operator-api` function, though its
        // HTTP API forwards only `/v1/…` (the form's pages reach AWS users through `submit-report`).
        .merge(super::form_routes(Arc::new(casework.services.clone())))
        .merge(super::stats_routes(Arc::new(casework.services.clone())))
        // The staff console, authenticated by its own session (not the JWT authorizer).
        .merge(super::console::console_routes(casework.clone(), console));
    super::refuse_cross_site(router, None)
}

/// Logs under the route's template (`/v1/cases/{reference}`, never the reference itself), and
/// every refusal by route and status only: no reference, no personal data.
async fn log_by_route(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", |p| p.as_str()).to_string();
    let method = request.method().clone();
    let response = next.run(request).instrument(tracing::info_span!("request", %method, %route)).await;
    let status = response.status();
    if status.is_client_error() && route != super::REPORTS {
        warn!(%method, %route, status = status.as_u16(), "operator request refused");
    }
    response
}

/// An authenticated member of staff: the extractor refuses anyone else with 401.
pub struct Staff(pub Caller);

impl FromRequestParts<OperatorState> for Staff {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &OperatorState) -> Result<Self, ApiError> {
        match state.auth.caller(parts) {
            Ok(Some(caller)) => Ok(Staff(caller)),
            Ok(None) | Err(AuthError::Unauthenticated) => Err(ApiError::Unauthenticated),
        }
    }
}

/// The case a route is about: a reference that is not one is "not found", like a missing case.
struct CaseReference(Reference);

impl<S: Send + Sync> FromRequestParts<S> for CaseReference {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state).await.map_err(|_| ApiError::NotFound)?;
        Reference::parse(&raw).map(CaseReference).ok_or(ApiError::NotFound)
    }
}

impl From<CaseError> for ApiError {
    fn from(error: CaseError) -> ApiError {
        match error {
            CaseError::Unauthenticated => ApiError::Unauthenticated,
            CaseError::Forbidden => ApiError::Forbidden,
            CaseError::NotFound => ApiError::NotFound,
            CaseError::Invalid(errors) => {
                let status = if errors.iter().any(|e| e.code == ErrorCode::VersionConflict) {
                    StatusCode::CONFLICT
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                ApiError::fields(status, Language::English, errors)
            }
            CaseError::Port(port) => {
                error!(error = %port, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
                ApiError::Unavailable { language: Language::English, staff: true }
            }
            // Only an erasure stops part-way, and `erase_case` answers it itself.
            CaseError::ErasureIncomplete(incomplete) => incomplete.error.into(),
        }
    }
}

/// A report taken by an operator (phone, webchat) carries their credentials and is audited
/// as theirs; one without credentials is a public report.
async fn take_report(State(state): State<OperatorState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let operator = match state.auth.caller(&parts) {
        Ok(None) => None,
        Ok(Some(caller)) if caller.is_operator() => Some(caller),
        Ok(Some(_)) => return ApiError::Forbidden.into_response(),
        Err(AuthError::Unauthenticated) => return ApiError::Unauthenticated.into_response(),
    };
    let headers = std::mem::take(&mut parts.headers);
    let submitter = if operator.is_some() { Submitter::Operator } else { Submitter::Public };
    let (request, language) = match read_report(&headers, body, submitter).await {
        Ok(read) => read,
        Err(refusal) => return refusal.into_response(),
    };
    let taken_by = operator.as_ref().map(|caller| caller.user.clone());
    let outcome = submit_request(&state.casework.services, request, taken_by).await;
    if let (Ok(SubmitOutcome::Accepted(receipt, _)), Some(caller)) = (&outcome, &operator) {
        if let Err(error) = state.casework.report_taken(caller, &receipt.reference).await {
            error!(%error, reference = %receipt.reference, "{}", oys_application::telemetry::failures::AUTHOR_NOT_AUDITED);
        }
    }
    answer(outcome, language)
}

/// `status` and `due_before`, read after authentication (an extractor would answer a bad
/// query in plain text before checking who is asking). `due_before` takes a date-time, or a date
/// meaning the start of that day in UK time.
pub fn list_query(query: Option<&str>) -> Result<(Option<CaseStatus>, Option<jiff::Timestamp>), Vec<FieldError>> {
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
            "due_before" => match oys_shared::calendar::uk_time_or_date(&value) {
                Some(parsed) => due_before = Some(parsed),
                None => errors.push(FieldError::new("due_before", ErrorCode::InvalidDateTime)),
            },
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

async fn list_cases(
    Staff(caller): Staff,
    State(state): State<OperatorState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let (status, due_before) = list_query(query.as_deref())
        .map_err(|errors| ApiError::fields(StatusCode::UNPROCESSABLE_ENTITY, Language::English, errors))?;
    let cases = state.casework.list(&caller, status, due_before).await?;
    Ok(Json(json!({ "cases": cases })))
}

async fn get_case(
    Staff(caller): Staff,
    CaseReference(reference): CaseReference,
    State(state): State<OperatorState>,
) -> Result<Response, ApiError> {
    Ok(Json(state.casework.detail(&caller, &reference).await?).into_response())
}

async fn post_event(
    Staff(caller): Staff,
    CaseReference(reference): CaseReference,
    State(state): State<OperatorState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    // Events are JSON only: a form or any other body is refused before it is read.
    if body_kind(&headers) != Some(BodyKind::Json) {
        let error = FieldError::new("body", ErrorCode::UnsupportedMediaType);
        return Err(ApiError::field(StatusCode::UNSUPPORTED_MEDIA_TYPE, error));
    }
    let bytes = read_body(&headers, body, Language::English).await?;
    let value = parse_json(&bytes, Language::English)?;
    let event = parse_event(&value).map_err(CaseError::Invalid)?;
    let record = state.casework.record_event(&caller, &reference, event).await?;
    Ok((StatusCode::CREATED, Json(record)).into_response())
}

async fn export_case(
    Staff(caller): Staff,
    CaseReference(reference): CaseReference,
    State(state): State<OperatorState>,
) -> Result<Json<oys_application::casework::CaseExport>, ApiError> {
    Ok(Json(state.casework.export(&caller, &reference).await?))
}

async fn erase_case(
    Staff(caller): Staff,
    CaseReference(reference): CaseReference,
    State(state): State<OperatorState>,
) -> Result<Response, ApiError> {
    match state.casework.erase(&caller, &reference).await {
        Ok(()) => Ok(Json(json!({"reference": reference, "erased": true})).into_response()),
        Err(CaseError::ErasureIncomplete(incomplete)) => Ok(erasure_incomplete(&reference, &incomplete)),
        Err(other) => Err(other.into()),
    }
}

/// 503 for an erasure that stopped part-way, saying what was done: "nothing was changed" would
/// be false once the personal data is gone.
fn erasure_incomplete(reference: &Reference, incomplete: &ErasureIncomplete) -> Response {
    error!(error = %incomplete.error, done = incomplete.done.len(), "{}", oys_application::telemetry::failures::ERASURE_STOPPED);
    let erased = incomplete.done.contains(&ErasureStep::PersonalData);
    let not_done = incomplete.not_done();
    let message = if erased {
        let rest: Vec<&str> = not_done.iter().map(|s| s.as_str()).collect();
        format!(
            "The personal data was erased, but not everything that follows it: still to do: {}. \
             Ask again to finish; nothing is erased or sent twice.",
            rest.join(", ")
        )
    } else {
        "The erasure did not finish, and some of the personal data may already be erased. \
         Ask again to finish it."
            .to_string()
    };
    let body = json!({
        "errors": [{"field": "body", "code": ErrorCode::ServiceUnavailable, "message": message}],
        "reference": reference,
        "erased": erased,
        "done": incomplete.done,
        "not_done": not_done,
    });
    super::retry_after((StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response(), super::UNAVAILABLE_RETRY_SECONDS)
}

async fn case_audit(
    Staff(caller): Staff,
    CaseReference(reference): CaseReference,
    State(state): State<OperatorState>,
) -> Result<Json<oys_application::casework::AuditTrail>, ApiError> {
    Ok(Json(state.casework.audit_trail(&caller, &reference).await?))
}
