//! Refuses what another website makes its visitors' browsers send. A form body needs no CORS
//! preflight, so without this any site could have each of its visitors file a report or a
//! follow-up, every one from a different address: past the per-client limit and into the
//! statistics. One layer on both routers, for every method that changes something.
//!
//! A browser says where a request comes from: `Sec-Fetch-Site` (every current browser), else
//! `Origin`. Allowed: the same origin, the person's own navigation (`none`), the configured
//! form origin (`FORM_ORIGIN`, which CORS lets call the API), and requests with neither header
//! (curl, JSON API clients: no website can make a browser send those). The rule of Go's
//! `http.CrossOriginProtection`, with one allowance: the pages send no referrer, so a browser
//! without `Sec-Fetch-Site` sends their own form posts with `Origin: null`, which passes.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;

use oys_shared::i18n::Language;
use oys_shared::{ErrorCode, FieldError};

use super::ApiError;

/// Adds the check to `router`; `trusted` is the form's origin, if it has one elsewhere.
pub fn refuse_cross_site(router: Router, trusted: Option<HeaderValue>) -> Router {
    router.layer(axum::middleware::from_fn_with_state(trusted, guard))
}

async fn guard(State(trusted): State<Option<HeaderValue>>, request: Request, next: Next) -> Response {
    if allowed(request.method(), request.headers(), request.uri(), trusted.as_ref()) {
        return next.run(request).await;
    }
    let language = request
        .uri()
        .path()
        .split('/')
        .nth(1)
        .and_then(Language::parse)
        .or_else(|| super::accepted_language(request.headers()))
        .unwrap_or(Language::English);
    let error = FieldError::new("Origin", ErrorCode::CrossSiteRequest);
    let mut refusal = ApiError::fields(StatusCode::FORBIDDEN, language, vec![error]).into_response();
    // Like the form's pages: nothing kept, nothing loaded, no referrer.
    let headers = refusal.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
    );
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    refusal
}

fn allowed(method: &Method, headers: &HeaderMap, uri: &axum::http::Uri, trusted: Option<&HeaderValue>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let origin = headers.get(header::ORIGIN);
    if origin.is_some() && origin == trusted {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    match origin {
        None => true,
        Some(origin) if origin == "null" => true,
        Some(origin) => {
            // `https://host[:port]` against the host the request was sent to.
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).or(uri.authority().map(|a| a.as_str()));
            let origin_host = origin.to_str().ok().and_then(|o| o.split_once("://")).map(|(_, host)| host);
            matches!((origin_host, host), (Some(a), Some(b)) if a.eq_ignore_ascii_case(b))
        }
    }
}
