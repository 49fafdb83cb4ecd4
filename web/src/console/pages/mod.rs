//! The console's pages: the work queue, the case page, the actions' forms and what follows
//! them. Each reads or changes a case only through `Casework`, as the API does.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::{json, Value};

use oys_shared::calendar::uk_time;
use oys_shared::case_history::EventRecord;
use oys_shared::case_record::ContactDetails;
use oys_shared::casework::{parse_event, CallOutcome, CaseEvent, CaseStatus, StaffRole};
use oys_shared::geography::{self, Nation};
use oys_shared::report::{Channel, IncidentType, PRIVACY_NOTICE_VERSION};
use oys_shared::staff_session::WARN_BEFORE;
use oys_shared::work_queue::{by_urgency, clock, QueueRow};
use oys_shared::{ErrorCode, FieldError, Reference};

use super::{query_param, ConsoleState, FormFields, SignedIn, SCRIPT, STYLES};
use oys_application::casework::{CaseDetail, CaseError, CaseLine, CaseView};
use oys_application::referral::{PoliceReferrals, Prepared};

mod actions;
mod case;
mod queue;

pub(super) use actions::{action, action_page};
use case::*;
pub(super) use case::{case_page, export, show_case, JustTaken};
pub(super) use queue::queue;
use queue::*;

/// What every console page carries: its title, the assets, and who is signed in.
pub(super) struct Chrome {
    pub title: String,
    pub styles: &'static str,
    pub script: &'static str,
    pub staff: Option<StaffBar>,
}

/// The signed-in bar: who, in what role, sign-out, and the idle warning's timings.
pub(super) struct StaffBar {
    pub user: String,
    pub role: &'static str,
    pub csrf: String,
    pub operator: bool,
    pub lead: bool,
    pub idle_seconds: i64,
    pub warn_seconds: i64,
}

impl Chrome {
    pub fn signed_out(title: &str) -> Chrome {
        Chrome { title: title.to_string(), styles: STYLES.name(), script: SCRIPT.name(), staff: None }
    }

    pub(super) fn signed_in(title: &str, signed_in: &SignedIn, now: jiff::Timestamp) -> Chrome {
        let session = &signed_in.session;
        let caller = &session.caller;
        Chrome {
            staff: Some(StaffBar {
                user: caller.user.clone(),
                role: caller.main_role().as_str(),
                csrf: session.anti_forgery.clone(),
                operator: caller.is_operator(),
                lead: caller.is_lead(),
                idle_seconds: session.seconds_left(now),
                warn_seconds: WARN_BEFORE.as_secs(),
            }),
            ..Chrome::signed_out(title)
        }
    }
}

pub(super) fn render(page: &impl askama::Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "console page did not render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(askama::Template)]
#[template(path = "console/notice.html")]
struct Notice {
    chrome: Chrome,
    heading: String,
    lines: Vec<String>,
    link: Option<(String, String)>,
}

pub(super) fn notice(
    chrome: Chrome,
    status: StatusCode,
    heading: &str,
    line: &str,
    link: Option<(&str, &str)>,
) -> Response {
    let page = Notice {
        heading: heading.to_string(),
        chrome,
        lines: vec![line.to_string()],
        link: link.map(|(a, b)| (a.to_string(), b.to_string())),
    };
    (status, render(&page)).into_response()
}

pub(super) fn unavailable() -> Response {
    let response = notice(
        Chrome::signed_out("Service unavailable"),
        StatusCode::SERVICE_UNAVAILABLE,
        "Sorry, the service is unavailable",
        "Nothing was changed. Try again in a minute.",
        None,
    );
    crate::retry_after(response, crate::UNAVAILABLE_RETRY_SECONDS)
}

/// A form without the session's anti-forgery token: refused, nothing changed.
pub(super) fn forged() -> Response {
    notice(
        Chrome::signed_out("Not sent"),
        StatusCode::FORBIDDEN,
        "This form could not be accepted",
        "Nothing was changed. Go back, reload the page and try again.",
        Some(("/staff/queue", "Go to the work queue")),
    )
}

/// Any other console URL: sign-in first, then "not found".
pub(super) async fn unknown_page(_signed_in: SignedIn) -> Response {
    not_found().await
}

pub(super) async fn not_found() -> Response {
    notice(
        Chrome::signed_out("Page not found"),
        StatusCode::NOT_FOUND,
        "Page not found",
        "Check the address, or go back to the work queue.",
        Some(("/staff/queue", "Go to the work queue")),
    )
}

/// A page for a case the caller cannot see: the same whether or not it exists.
pub(super) fn no_case(signed_in: &SignedIn, now: jiff::Timestamp) -> Response {
    notice(
        Chrome::signed_in("Case not found", signed_in, now),
        StatusCode::NOT_FOUND,
        "Case not found",
        "There is no case with this reference that you can see.",
        Some(("/staff/queue", "Go to the work queue")),
    )
}

pub(super) fn refused(error: CaseError, signed_in: &SignedIn, now: jiff::Timestamp) -> Response {
    match error {
        CaseError::NotFound => no_case(signed_in, now),
        CaseError::Forbidden | CaseError::Unauthenticated => notice(
            Chrome::signed_in("Not allowed", signed_in, now),
            StatusCode::FORBIDDEN,
            "Your role cannot do this",
            "Ask a helpline operator or lead.",
            Some(("/staff/queue", "Go to the work queue")),
        ),
        CaseError::Port(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
            unavailable()
        }
        CaseError::Invalid(_) | CaseError::ErasureIncomplete(_) => unavailable(),
    }
}

/// Words for a stable value: `verbal_abuse` → "verbal abuse".
pub(super) fn words(value: &str) -> String {
    let spaced = value.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".into(),
        Some(false) => "No".into(),
        None => "Not said".into(),
    }
}
