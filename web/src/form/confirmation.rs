//! The confirmation after the form is sent, by POST-redirect-GET where the browser keeps
//! cookies: the form's POST answers `303 See Other` to `sent`, carrying the reference and the
//! receipt in a cookie that lives a few minutes and is cleared as the page is shown. So a reload
//! never sends the report again, and Back, a reload or the next person on a shared phone finds
//! no reference and no receipt there. A browser that refused the form page's small cookie
//! (cookies blocked), and any client that is not a browser, gets the confirmation in the POST's
//! answer instead, as before: a reporter is never left without their reference.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use oys_shared::follow_up::FollowUpReceipt;
use oys_shared::i18n::Language;
use oys_shared::routing::Receipt;
use oys_shared::Reference;

use super::{form_language, page, Chrome};
use crate::Services;

const COOKIE: &str = "oys-sent";
/// Set by the form page: a POST that carries it comes from a browser that keeps cookies.
pub(super) const COOKIES_KEPT: &str = "oys-cookies=1; HttpOnly; SameSite=Strict";
/// Long enough for the redirect to be followed on a slow connection; no longer.
const COOKIE_SECONDS: u32 = 300;

/// What the confirmation shows, between the POST and the GET. The next steps are not carried
/// (in some languages they come near a cookie's 4 KB): the page reads them again.
#[derive(Serialize, Deserialize)]
struct Sent {
    reference: String,
    /// Shown once: only its hash is kept.
    receipt: Option<String>,
    /// A repeat past the re-issue window: the receipt is withheld, not lost.
    withheld: bool,
    #[serde(skip)]
    next_steps: String,
}

#[derive(Template)]
#[template(path = "form/confirmation.html")]
struct ConfirmationPage {
    chrome: Chrome,
    /// `None`: nothing to show (a reload, Back, the cookie gone).
    sent: Option<Sent>,
}

/// The answer to a form whose report was stored: to `sent` with the confirmation in a cookie,
/// where the browser keeps cookies; else the confirmation itself.
/// Not `Secure`: the local runner serves plain HTTP on loopback; in AWS every page is HTTPS.
/// No `Path`: the default (the form's own directory, `/live/en` behind a stage) is the scope.
pub(super) fn answer(
    language: Language,
    headers: &HeaderMap,
    receipt: Receipt,
    follow_up: Option<FollowUpReceipt>,
    withheld: bool,
) -> Response {
    let sent = Sent {
        reference: receipt.reference.to_string(),
        receipt: follow_up.map(|r| r.expose().to_string()),
        withheld,
        next_steps: receipt.next_steps,
    };
    let json = serde_json::to_string(&sent).expect("the confirmation serialises");
    let value: String = form_urlencoded::byte_serialize(json.as_bytes()).collect();
    let cookie = format!("{COOKIE}={value}; Max-Age={COOKIE_SECONDS}; HttpOnly; SameSite=Strict");
    let cookies_kept = crate::cookie(headers, "oys-cookies").is_some();
    match HeaderValue::from_str(&cookie) {
        Ok(cookie) if cookies_kept => {
            let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, "sent")]).into_response();
            response.headers_mut().insert(header::SET_COOKIE, cookie);
            response
        }
        _ => confirmation_page(language, Some(sent)),
    }
}

fn confirmation_page(language: Language, sent: Option<Sent>) -> Response {
    page(StatusCode::OK, &ConfirmationPage { chrome: Chrome::new(language, "form-confirmation-title", ""), sent })
}

/// `GET /{lang}/sent`: the confirmation, once; after that, nothing about any report.
pub(super) async fn sent_page(
    State(services): State<Arc<Services>>,
    Path(lang): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(language) = form_language(&lang) else { return crate::not_found().await };
    let mut sent = read_cookie(&headers);
    if let Some(sent) = sent.as_mut() {
        // The next steps follow the stored report; if it cannot be read now, the helpline on the
        // page says what to do.
        let stored = match Reference::parse(&sent.reference) {
            Some(reference) => services.reports.get_report(&reference).await.ok().flatten(),
            None => None,
        };
        sent.next_steps = stored.map(|report| oys_shared::routing::next_steps(&report.summary)).unwrap_or_default();
    }
    let mut response = confirmation_page(language, sent);
    let clear = format!("{COOKIE}=; Max-Age=0; HttpOnly; SameSite=Strict");
    response.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&clear).expect("an ASCII cookie"));
    response
}

fn read_cookie(headers: &HeaderMap) -> Option<Sent> {
    let value = crate::cookie(headers, COOKIE)?;
    let json: String = form_urlencoded::parse(format!("v={value}").as_bytes()).next()?.1.into_owned();
    serde_json::from_str(&json).ok()
}

impl ConfirmationPage {
    /// `OYS-7K2M-Q9XD` → `OYS`, `7K2M`, `Q9XD`: each shown unbroken.
    fn groups<'a>(&self, code: &'a str) -> Vec<&'a str> {
        code.split('-').collect()
    }
}
