//! `ApiError`: every refusal the API answers, as its status, field errors and messages in the
//! caller's language (docs/openapi.json: `{"errors": [{field, code, message}]}`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::json;

use oys_shared::i18n::{self, Language};
use oys_shared::{ErrorCode, FieldError};

#[derive(Debug)]
pub enum ApiError {
    /// No usable credentials (401, `WWW-Authenticate: Bearer`).
    Unauthenticated,
    /// Authenticated, but not allowed (403).
    Forbidden,
    /// No such case, or one the caller may not know of (404).
    NotFound,
    /// The request was read and refused, field by field.
    Fields { status: StatusCode, language: Language, errors: Vec<FieldError> },
    /// A backing service failed: 503 with `Retry-After`. A reporter is told their report was
    /// not kept and how else to reach the helpline; staff that nothing was changed.
    Unavailable { language: Language, staff: bool },
}

impl ApiError {
    pub fn fields(status: StatusCode, language: Language, errors: Vec<FieldError>) -> ApiError {
        ApiError::Fields { status, language, errors }
    }

    /// One field error, in English (the operator routes).
    pub fn field(status: StatusCode, error: FieldError) -> ApiError {
        ApiError::fields(status, Language::English, vec![error])
    }
}

/// An error as the API shows it: the field, a stable code and a message in the reader's language.
#[derive(Debug, Serialize)]
struct ErrorBody {
    field: String,
    code: ErrorCode,
    message: String,
}

fn error_response(status: StatusCode, language: Language, errors: &[FieldError]) -> Response {
    let errors: Vec<ErrorBody> = oys_shared::errors::capped(errors)
        .iter()
        .map(|e| ErrorBody { field: e.field.clone(), code: e.code, message: i18n::error_message(language, e) })
        .collect();
    (status, Json(json!({ "errors": errors }))).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let response = match self {
            ApiError::Unauthenticated => {
                let error = FieldError::new("Authorization", ErrorCode::Unauthenticated);
                let mut response = error_response(StatusCode::UNAUTHORIZED, Language::English, &[error]);
                response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                return response;
            }
            ApiError::Forbidden => {
                let error = FieldError::new("Authorization", ErrorCode::Forbidden);
                return error_response(StatusCode::FORBIDDEN, Language::English, &[error]);
            }
            ApiError::NotFound => {
                let error = FieldError::new("reference", ErrorCode::NotFound);
                return error_response(StatusCode::NOT_FOUND, Language::English, &[error]);
            }
            ApiError::Fields { status, language, errors } => return error_response(status, language, &errors),
            ApiError::Unavailable { language, staff: false } => {
                let error = FieldError::new("body", ErrorCode::ServiceUnavailable);
                error_response(StatusCode::SERVICE_UNAVAILABLE, language, &[error])
            }
            ApiError::Unavailable { language, staff: true } => {
                // Its own words: nothing about saving a report.
                let message = i18n::message(language, "error-service_unavailable-staff", &[]);
                let body =
                    json!({"errors": [{"field": "body", "code": ErrorCode::ServiceUnavailable, "message": message}]});
                (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
            }
        };
        retry_after(response, UNAVAILABLE_RETRY_SECONDS)
    }
}

/// How long a 503 asks a client to wait: a store or queue outage is retried within seconds.
pub const UNAVAILABLE_RETRY_SECONDS: u64 = 30;

/// `response` with `Retry-After: seconds`: every 503 and 429 carries one.
pub fn retry_after(mut response: Response, seconds: u64) -> Response {
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
    response
}

/// The answer to a client over its rate limit: 429, `Retry-After`, and a JSON error.
pub fn rate_limited(retry_after_seconds: u64) -> Response {
    let error = FieldError::new("body", ErrorCode::RateLimited).with("retry_after", retry_after_seconds);
    retry_after(error_response(StatusCode::TOO_MANY_REQUESTS, Language::English, &[error]), retry_after_seconds)
}
