//! The web layer: the HTTP API (docs/openapi.json), the report form, the statistics pages and
//! the staff console as axum routers, served by `lambda_http` in AWS and by `axum::serve` in the
//! local runner. The staff side (`operator`, `console`, `auth`, `allowed_sources`) is behind the
//! `staff` feature, so the public function does not link it.
//!
//! - `form`: the server-rendered report form and follow-up pages, the follow-up API's route and
//!   the form's assets (`form_routes`, merged into both routers).
//! - `stats`: the public statistics as JSON, CSV and a page (`stats_routes`, merged into both
//!   routers).
//! - `report`: `POST /v1/reports` and `POST /v1/follow-ups`, and `public_router`, what the
//!   `submit-report` function serves. It links no casework: a report with credentials is
//!   refused.
//! - `operator`: `operator_router`, the same report endpoint for operators taking reports by
//!   phone and the casework routes, behind authentication (`operator-api`, the local runner).
//! - `error`: `ApiError`, every refusal the API answers.
//! - `cross_site`: the layer refusing what another website makes a browser send, on both
//!   routers (`with_form_origin` adds it to the public one, trusting the form's origin).
//! - `console`: the staff console's pages under `/staff/` (`console_routes`, merged into the
//!   operator router): sign-in, the work queue, the case page and its actions.
//! - `allowed_sources`: the operator API's address allow-list, a middleware on its router.

#[cfg(feature = "staff")]
pub mod allowed_sources;
#[cfg(feature = "staff")]
pub mod auth;
#[cfg(feature = "staff")]
mod console;
mod cross_site;
mod error;
mod form;
#[cfg(feature = "staff")]
mod operator;
mod report;
mod stats;

#[cfg(feature = "staff")]
pub use console::{jwt_crypto, ConsoleSignIn, OidcClient, OidcSettings};
pub use cross_site::refuse_cross_site;
pub use error::{rate_limited, retry_after, ApiError, UNAVAILABLE_RETRY_SECONDS};
pub use form::{asset_names, follow_up_from_form, form_languages, form_routes, report_from_form, value_from_form};
#[cfg(feature = "staff")]
pub use operator::{list_query, operator_router, Staff};
pub use report::{parse_json, public_router, read_report, submit_request, ReportRequest};
pub use stats::stats_routes;

use std::sync::Arc;

use oys_application::Services;

/// `submit-report`: the public router, which the report form's origin may call (CORS).
pub fn submit_report(services: Services, form_origin: &str) -> Result<axum::Router, String> {
    with_form_origin(public_router(Arc::new(services)), form_origin)
}

/// `operator-api` (and the local runner): the report endpoint, the casework routes and the
/// staff console.
#[cfg(feature = "staff")]
pub fn operator_api(
    services: Services,
    partners: Vec<oys_shared::advocate::Partner>,
    force_mailboxes: std::collections::HashMap<String, String>,
    auth: auth::Authenticator,
    console: ConsoleSignIn,
) -> axum::Router {
    let casework = oys_application::casework::Casework { services, partners, force_mailboxes };
    operator_router(Arc::new(casework), auth, console)
}

use axum::http::{header, HeaderValue};
use axum::response::Response;
use axum::Json;
use oys_shared::i18n::Language;
use oys_shared::{ErrorCode, FieldError};
use serde_json::{json, Value};

/// The report endpoint, on both routers.
const REPORTS: &str = "/v1/reports";
/// The health check, on both routers.
const HEALTH: &str = "/health";

/// Lets the report form's origin call the public API from a browser (CORS), and refuses what
/// any other site makes a browser send (`cross_site`). In AWS the REST API passes the
/// function's answers through, so the function adds the headers itself.
pub fn with_form_origin(router: axum::Router, origin: &str) -> Result<axum::Router, String> {
    use axum::http::{HeaderName, Method};
    let origin: HeaderValue = HeaderValue::from_str(origin.trim())
        .ok()
        .filter(|o| o.to_str().is_ok_and(|o| o.starts_with("https://") || o.starts_with("http://localhost")))
        .ok_or_else(|| "FORM_ORIGIN must be an origin such as https://report.example.org".to_string())?;
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(origin.clone())
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT_LANGUAGE, HeaderName::from_static("idempotency-key")])
        .max_age(std::time::Duration::from_secs(600));
    // CORS outside, so a refusal still carries its header and the browser shows it.
    Ok(refuse_cross_site(router, Some(origin)).layer(cors))
}

/// A cookie's value from the request's `Cookie` headers, by name.
fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(name)?.strip_prefix('='))
}

/// The supported language the request's `Accept-Language` prefers most, if any.
fn accepted_language(headers: &axum::http::HeaderMap) -> Option<Language> {
    headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Language::from_accept_language)
}

/// The calling client's network address, for per-client limits: API Gateway's source IP in AWS,
/// the peer's address on the local runner, `None` where neither is known (tests in process).
/// Only ever hashed into a limit's key: never stored or logged as it is.
pub struct ClientAddress(pub Option<String>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let from_gateway = gateway_source_ip(&parts.extensions).map(str::to_string);
        let from_peer = || {
            let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?;
            Some(peer.0.ip().to_string())
        };
        Ok(ClientAddress(from_gateway.or_else(from_peer)))
    }
}

/// The caller's address as API Gateway saw it (REST or HTTP API), if the request came through
/// API Gateway: from its request context, never from a header a client could send.
fn gateway_source_ip(extensions: &axum::http::Extensions) -> Option<&str> {
    use lambda_http::request::RequestContext;
    match extensions.get::<RequestContext>()? {
        #[cfg(feature = "rest-api-events")]
        RequestContext::ApiGatewayV1(context) => context.identity.source_ip.as_deref(),
        #[cfg(feature = "http-api-events")]
        RequestContext::ApiGatewayV2(context) => context.http.source_ip.as_deref(),
        _ => None,
    }
}

async fn health() -> Json<Value> {
    Json(json!({"status": "ok"}))
}

async fn not_found() -> Response {
    use axum::response::IntoResponse;
    ApiError::fields(
        axum::http::StatusCode::NOT_FOUND,
        Language::English,
        vec![FieldError::new("path", ErrorCode::NotFound)],
    )
    .into_response()
}
