//! The staff console: server-rendered pages under `/staff/` for operators (and, in part, for
//! advocates), served by `operator-api` in AWS and by the local runner. It adds no rule: every
//! read and action calls the same `Casework` use case as the API, with its checks and audit.
//!
//! - Sign-in (`sign_in`): OpenID Connect with PKCE against Cognito's managed login, or on the
//!   local runner a list of local users; then a server-side session (`staff_sign_in`) named by
//!   a `__Host-` cookie. Every page needs it: signed out, every console URL leads to sign-in
//!   before anything is looked up, so nothing (not even whether a reference exists) shows.
//! - Forms: every change is a POST carrying the session's anti-forgery token, from the same
//!   origin (the `cross_site` layer); no GET changes anything.
//! - `pages`: the work queue, the case page, each action's form, the confirmation pages.
//! - Every answer: `no-store`, the form's CSP (no inline script), no framing, no referrer.

pub mod jwt_crypto;
mod lead;
mod new_report;
mod oidc;
mod pages;
mod sign_in;

use std::sync::Arc;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

use oys_shared::casework::Caller;
use oys_shared::staff_session::StaffSession;

use super::cookie;
use super::form::{Asset, IMMUTABLE};
pub use oidc::{OidcClient, OidcSettings};
use oys_application::casework::Casework;

/// How staff sign in to the console.
#[derive(Clone)]
pub enum ConsoleSignIn {
    /// OpenID Connect: Cognito's managed login in AWS, the tests' issuer in tests.
    Oidc(Arc<OidcClient>),
    /// The local runner on its embedded store (or an emulator): choose one of the local users.
    LocalUsers(Vec<Caller>),
    /// Not set up (a deployment without the console's parameters): the pages say so.
    Off,
}

#[derive(Clone)]
struct ConsoleState {
    casework: Arc<Casework>,
    sign_in: ConsoleSignIn,
}

/// The session cookie: `__Host-` (Secure, path `/`, no domain: only this origin ever gets it).
const SESSION_COOKIE: &str = "__Host-oys-staff";
/// The cookie binding a sign-in under way to this browser (its OAuth `state`).
const SIGN_IN_COOKIE: &str = "__Host-oys-sign-in";

static STYLES: Asset = Asset::new(
    "console",
    "css",
    "text/css; charset=utf-8",
    concat!(include_str!("../../assets/form.css"), include_str!("../../assets/console.css")),
);
static SCRIPT: Asset =
    Asset::new("console", "js", "text/javascript; charset=utf-8", include_str!("../../assets/console.js"));

/// The console's routes, to merge into the operator router.
pub fn console_routes(casework: Arc<Casework>, sign_in: ConsoleSignIn) -> Router {
    let login_origin = match &sign_in {
        ConsoleSignIn::Oidc(oidc) => Some(oidc.settings().login_url.clone()),
        _ => None,
    };
    Router::new()
        .route("/staff", get(|| async { Redirect::to("/staff/queue") }))
        .route("/staff/", get(|| async { Redirect::to("/staff/queue") }))
        .route("/staff/sign-in", get(sign_in::sign_in_page).post(sign_in::local_sign_in))
        .route("/staff/callback", get(sign_in::callback))
        .route("/staff/sign-out", post(sign_in::sign_out))
        .route("/staff/signed-out", get(sign_in::signed_out))
        .route("/staff/keep-alive", post(sign_in::keep_alive))
        .route("/staff/queue", get(pages::queue))
        .route("/staff/new-report", get(new_report::new_report_page).post(new_report::take_report))
        .route("/staff/escalations", get(lead::escalations))
        .route("/staff/caseload", get(lead::caseload))
        .route("/staff/statistics", get(lead::statistics))
        .route("/staff/cases/{reference}/audit", get(lead::audit_trail))
        .route("/staff/cases/{reference}", get(pages::case_page))
        .route("/staff/cases/{reference}/export", get(pages::export))
        .route("/staff/cases/{reference}/{action}", get(pages::action_page).post(pages::action))
        .route("/staff/assets/{asset}", get(asset))
        .route("/staff/{*rest}", get(pages::unknown_page).post(pages::unknown_page))
        .layer(axum::middleware::map_response(move |response| console_headers(response, login_origin.clone())))
        .with_state(ConsoleState { casework, sign_in })
}

async fn asset(Path(name): Path<String>) -> Response {
    match [&STYLES, &SCRIPT].into_iter().find(|asset| asset.name() == name) {
        Some(asset) => asset.serve(IMMUTABLE).await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Nothing kept by the browser (Back after sign-out asks again, and is sent to sign-in),
/// nothing loaded from elsewhere, no framing, no referrer. Forms post here; sign-out's answer
/// goes on to managed login, which `form-action` must allow.
async fn console_headers(mut response: Response, login_origin: Option<String>) -> Response {
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let form_action = match login_origin {
        Some(origin) => format!("'self' {origin}"),
        None => "'self'".to_string(),
    };
    let policy = format!(
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
         form-action {form_action}; frame-ancestors 'none'; base-uri 'none'"
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// One parameter of a query string.
fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// `Set-Cookie` for a console cookie: HttpOnly, Secure, `SameSite=Lax` (the session must
/// arrive with the top-level navigation back from managed login), path `/`, no domain.
fn set_cookie(name: &str, value: &str, max_age_seconds: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("{name}={value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}"))
        .expect("cookie values are URL-safe base64")
}

/// A signed-in member of staff. Without a live session the request goes to sign-in (a GET
/// comes back to where it was going), having looked nothing up.
struct SignedIn {
    session: StaffSession,
    /// The cookie's secret: what names the session in the store.
    secret: String,
}

impl SignedIn {
    fn caller(&self) -> &Caller {
        &self.session.caller
    }
}

impl FromRequestParts<ConsoleState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &ConsoleState) -> Result<Self, Response> {
        let to_sign_in = || {
            let wanted = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/staff/queue");
            let target = if parts.method == axum::http::Method::GET {
                let query = form_urlencoded::Serializer::new(String::new()).append_pair("return_to", wanted).finish();
                format!("/staff/sign-in?{query}")
            } else {
                "/staff/sign-in".to_string()
            };
            Redirect::to(&target).into_response()
        };
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(to_sign_in());
        };
        match oys_application::staff_sign_in::current(&state.casework.services, secret).await {
            Ok(Some(session)) => Ok(SignedIn { session, secret: secret.to_string() }),
            Ok(None) => Err(to_sign_in()),
            Err(error) => {
                tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
                Err(pages::unavailable())
            }
        }
    }
}

/// A console form's fields, from an `application/x-www-form-urlencoded` body (at most 64 KiB).
struct FormFields(Vec<(String, String)>);

impl FormFields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// Whether the form carries the session's anti-forgery token.
    fn carries_token_of(&self, session: &StaffSession) -> bool {
        let given = self.get("csrf").unwrap_or_default().as_bytes();
        !given.is_empty() && bool::from(subtle::ConstantTimeEq::ct_eq(given, session.anti_forgery.as_bytes()))
    }
}

impl<S: Send + Sync> axum::extract::FromRequest<S> for FormFields {
    type Rejection = Response;

    async fn from_request(request: axum::extract::Request, _state: &S) -> Result<Self, Response> {
        let is_form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
        }
        let bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
            .await
            .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
        Ok(FormFields(form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()))
    }
}
