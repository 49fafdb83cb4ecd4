//! Signing in and out of the console: the OpenID Connect redirect and callback, the local
//! runner's list of users, sign-out (here and at managed login), and the idle warning's
//! "stay signed in".

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tracing::warn;

use oys_shared::staff_session::{safe_return_path, ABSOLUTE_LIMIT, SIGN_IN_LIMIT};

use super::pages::{self, render, Chrome};
use super::{
    cookie, query_param, set_cookie, ConsoleSignIn, ConsoleState, FormFields, SignedIn, SESSION_COOKIE, SIGN_IN_COOKIE,
};
use oys_application::staff_sign_in::{self, SessionStarted};

#[derive(askama::Template)]
#[template(path = "console/sign_in_local.html")]
struct LocalSignInPage {
    chrome: Chrome,
    users: Vec<(usize, String, String)>,
    token: String,
    return_to: String,
}

/// A notice to someone not signed in.
fn notice(status: StatusCode, heading: &str, line: &str, link: Option<(&str, &str)>) -> Response {
    pages::notice(Chrome::signed_out(heading), status, heading, line, link)
}

/// `GET /staff/sign-in`: off to managed login (OpenID Connect), or the local users' list.
pub(super) async fn sign_in_page(State(state): State<ConsoleState>, RawQuery(query): RawQuery) -> Response {
    let return_to = query_param(query.as_deref(), "return_to");
    let return_to = return_to.as_deref().and_then(safe_return_path);
    match &state.sign_in {
        ConsoleSignIn::Oidc(oidc) => {
            match staff_sign_in::begin(&state.casework.services, oidc.as_ref(), return_to).await {
                Ok(started) => {
                    let mut response = Redirect::to(&started.authorize_url).into_response();
                    let cookie = set_cookie(SIGN_IN_COOKIE, &started.state, SIGN_IN_LIMIT.as_secs());
                    response.headers_mut().insert(header::SET_COOKIE, cookie);
                    response
                }
                Err(error) => {
                    tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
                    pages::unavailable()
                }
            }
        }
        ConsoleSignIn::LocalUsers(users) => {
            let token = oys_application::staff_sign_in::random_token();
            let page = LocalSignInPage {
                chrome: Chrome::signed_out("Sign in"),
                users: users
                    .iter()
                    .enumerate()
                    .map(|(i, user)| {
                        let role = match user.advocate_of() {
                            Some(partner) => format!("advocate of {partner}"),
                            None => user.main_role().as_str().to_string(),
                        };
                        (i, user.user.clone(), role)
                    })
                    .collect(),
                token: token.clone(),
                return_to: return_to.unwrap_or("/staff/queue").to_string(),
            };
            let mut response = render(&page).into_response();
            response
                .headers_mut()
                .insert(header::SET_COOKIE, set_cookie(SIGN_IN_COOKIE, &token, SIGN_IN_LIMIT.as_secs()));
            response
        }
        ConsoleSignIn::Off => notice(
            StatusCode::SERVICE_UNAVAILABLE,
            "The staff console is not set up here",
            "This deployment has no sign-in for the console yet: its StaffConsoleUrl and \
             StaffLoginDomainPrefix parameters are empty. The operator API still works with tokens.",
            None,
        ),
    }
}

/// The answer that starts a session: its cookie set, the sign-in's cleared, on to the page.
fn signed_in(started: SessionStarted, return_to: Option<&str>) -> Response {
    let target = return_to.and_then(safe_return_path).unwrap_or("/staff/queue");
    let mut response = Redirect::to(target).into_response();
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, &started.secret, ABSOLUTE_LIMIT.as_secs()));
    headers.append(header::SET_COOKIE, set_cookie(SIGN_IN_COOKIE, "", 0));
    response
}

/// `POST /staff/sign-in` (local runner only): the chosen local user, from the page this
/// browser was given (its one-time token, in a cookie and the form).
pub(super) async fn local_sign_in(State(state): State<ConsoleState>, headers: HeaderMap, form: FormFields) -> Response {
    let ConsoleSignIn::LocalUsers(users) = &state.sign_in else {
        return pages::not_found().await;
    };
    let expected = cookie(&headers, SIGN_IN_COOKIE).unwrap_or_default();
    let given = form.get("token").unwrap_or_default();
    if expected.is_empty() || !bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), given.as_bytes())) {
        return Redirect::to("/staff/sign-in").into_response();
    }
    let Some(user) = form.get("user").and_then(|i| i.parse::<usize>().ok()).and_then(|i| users.get(i)) else {
        return Redirect::to("/staff/sign-in").into_response();
    };
    match staff_sign_in::start_session(&state.casework.services, user.clone()).await {
        Ok(started) => signed_in(started, form.get("return_to")),
        Err(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
            pages::unavailable()
        }
    }
}

/// `GET /staff/callback?code=…&state=…`: back from managed login.
pub(super) async fn callback(
    State(state): State<ConsoleState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let ConsoleSignIn::Oidc(oidc) = &state.sign_in else {
        return pages::not_found().await;
    };
    let again = Some(("/staff/sign-in", "Sign in again"));
    let param = |name| query_param(query.as_deref(), name);
    if param("error").is_some() {
        warn!("sign-in refused by the issuer");
    }
    let (None, Some(code), Some(returned_state)) = (param("error"), param("code"), param("state")) else {
        return notice(StatusCode::BAD_REQUEST, "You are not signed in", "The sign-in did not finish.", again);
    };
    let browser_state = cookie(&headers, SIGN_IN_COOKIE);
    match staff_sign_in::finish(&state.casework.services, oidc.as_ref(), browser_state, &returned_state, &code).await {
        Ok((started, return_to)) => signed_in(started, return_to.as_deref()),
        Err(refused) => {
            warn!(reason = %refused, "sign-in refused");
            let mut response = notice(
                StatusCode::BAD_REQUEST,
                "You are not signed in",
                "The sign-in did not finish, or took too long. Nothing was changed.",
                again,
            );
            response.headers_mut().insert(header::SET_COOKIE, set_cookie(SIGN_IN_COOKIE, "", 0));
            response
        }
    }
}

/// `POST /staff/sign-out`: ends the session here, then at managed login.
pub(super) async fn sign_out(State(state): State<ConsoleState>, headers: HeaderMap, form: FormFields) -> Response {
    let Some(secret) = cookie(&headers, SESSION_COOKIE) else {
        return Redirect::to("/staff/signed-out").into_response();
    };
    let services = &state.casework.services;
    match staff_sign_in::current(services, secret).await {
        Ok(Some(session)) if !form.carries_token_of(&session) => return pages::forged(),
        Err(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
            return pages::unavailable();
        }
        _ => {}
    }
    if let Err(error) = staff_sign_in::sign_out(services, secret).await {
        tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
        return pages::unavailable();
    }
    let target = match &state.sign_in {
        ConsoleSignIn::Oidc(oidc) => oidc.logout_url(),
        _ => "/staff/signed-out".to_string(),
    };
    let mut response = Redirect::to(&target).into_response();
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", 0));
    response
}

/// `GET /staff/signed-out`.
pub(super) async fn signed_out() -> Response {
    let mut response = notice(
        StatusCode::OK,
        "You have signed out",
        "Close this window if you are on a shared computer.",
        Some(("/staff/sign-in", "Sign in again")),
    );
    response.headers_mut().insert(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", 0));
    response
}

/// `POST /staff/keep-alive`: "stay signed in" from the idle warning. Answers the seconds left.
pub(super) async fn keep_alive(State(state): State<ConsoleState>, signed_in: SignedIn, form: FormFields) -> Response {
    if !form.carries_token_of(&signed_in.session) {
        return pages::forged();
    }
    let services = &state.casework.services;
    match staff_sign_in::keep_alive(services, &signed_in.secret, &signed_in.session).await {
        Ok(session) => {
            axum::Json(serde_json::json!({"seconds_left": session.seconds_left(services.clock.now())})).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "{}", oys_application::telemetry::failures::OPERATOR_REQUEST_FAILED);
            pages::unavailable()
        }
    }
}
