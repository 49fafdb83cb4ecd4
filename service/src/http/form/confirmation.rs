//! The confirmation after the form is sent, by POST-redirect-GET. The form's POST answers
//! `303 See Other` to `sent`, carrying what the confirmation shows in a cookie that lives a few
//! minutes and is cleared as the page is shown. So a reload never sends the report again, and
//! Back, a reload or the next person on a shared phone finds no reference and no receipt there.

use askama::Template;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use oys_shared::follow_up::FollowUpReceipt;
use oys_shared::routing::Receipt;

use super::{form_language, page, Chrome};

const COOKIE: &str = "oys-sent";
/// Long enough for the redirect to be followed on a slow connection; no longer.
const COOKIE_SECONDS: u32 = 300;

/// What the confirmation shows, between the POST and the GET.
#[derive(Serialize, Deserialize)]
struct Sent {
    reference: String,
    /// Shown once: only its hash is kept.
    receipt: Option<String>,
    /// A repeat past the re-issue window: the receipt is withheld, not lost.
    withheld: bool,
    next_steps: String,
}

#[derive(Template)]
#[template(path = "form/confirmation.html")]
struct ConfirmationPage {
    chrome: Chrome,
    /// `None`: nothing to show (a reload, Back, the cookie gone).
    sent: Option<Sent>,
}

/// The answer to a form whose report was stored: to `sent`, with the confirmation in a cookie.
/// Not `Secure`: the local runner serves plain HTTP on loopback; in AWS every page is HTTPS.
/// No `Path`: the default (the form's own directory, `/live/en` behind a stage) is the scope.
pub(super) fn redirect(receipt: Receipt, follow_up: Option<FollowUpReceipt>, withheld: bool) -> Response {
    let sent = Sent {
        reference: receipt.reference.to_string(),
        receipt: follow_up.map(|r| r.expose().to_string()),
        withheld,
        next_steps: receipt.next_steps,
    };
    let json = serde_json::to_string(&sent).expect("the confirmation serialises");
    let value: String = form_urlencoded::byte_serialize(json.as_bytes()).collect();
    let cookie = format!("{COOKIE}={value}; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Strict");
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "sent")]).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// `GET /{lang}/sent`: the confirmation, once; after that, nothing about any report.
pub(super) async fn sent_page(Path(lang): Path<String>, headers: HeaderMap) -> Response {
    let Some(language) = form_language(&lang) else { return crate::http::not_found().await };
    let sent = read_cookie(&headers);
    let mut response =
        page(StatusCode::OK, &ConfirmationPage { chrome: Chrome::new(language, "form-confirmation-title", ""), sent });
    let clear = format!("{COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict");
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&clear).expect("an ASCII cookie"));
    response
}

fn read_cookie(headers: &HeaderMap) -> Option<Sent> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('=').map(str::to_string))
        .and_then(|value| {
            let json: String = form_urlencoded::parse(format!("v={value}").as_bytes()).next()?.1.into_owned();
            serde_json::from_str(&json).ok()
        })
}
