//! The staff console through the operator-api function's router, signed in through a real
//! authorization-code flow against the tests' own OpenID issuer (an HTTP server on loopback,
//! signing with its own key, Cognito's paths): the flow on both adapter sets, every refusal
//! of a sign-in, anti-forgery, and what a signed-out browser sees.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use oys_shared::Reference;
use oys_web::auth::{local_users, Authenticator};
use oys_web::{ConsoleSignIn, OidcClient, OidcSettings};
use serde_json::json;
use tower::ServiceExt;

use crate::support::requests::post_json;
use crate::support::{event, Backend};
use oys_test_support::on_both_backends;

const CLIENT_ID: &str = "console-client";
const CONSOLE: &str = "http://127.0.0.1:9";

/// How the tests' issuer signs the next ID token.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Token {
    Good,
    BadSignature,
    OtherIssuer,
    OtherAudience,
    Expired,
    AlgNone,
    OtherNonce,
    UsedForAccess,
}

struct Grant {
    groups: Vec<&'static str>,
    partner: Option<&'static str>,
    nonce: String,
    challenge: String,
}

#[derive(Default)]
struct IssuerState {
    codes: HashMap<String, Grant>,
    token: Option<Token>,
    revoked: usize,
}

/// The tests' OpenID issuer: `/oauth2/token` redeems a code it minted once, only with the
/// verifier whose challenge the sign-in sent; `/.well-known/jwks.json` publishes its key.
struct Issuer {
    base: String,
    state: Arc<Mutex<IssuerState>>,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

impl Issuer {
    async fn start() -> Issuer {
        let state = Arc::new(Mutex::new(IssuerState::default()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (token_state, revoke_state, issuer) = (state.clone(), state.clone(), base.clone());
        let app = axum::Router::new()
            .route("/.well-known/jwks.json", axum::routing::get(|| async { include_str!("../support/oidc/jwks.json") }))
            .route(
                "/oauth2/token",
                axum::routing::post(move |body: String| {
                    let (state, issuer) = (token_state.clone(), issuer.clone());
                    async move { token_answer(&state, &issuer, &body) }
                }),
            )
            .route(
                "/oauth2/revoke",
                axum::routing::post(move || {
                    let state = revoke_state.clone();
                    async move {
                        state.lock().unwrap().revoked += 1;
                        StatusCode::OK
                    }
                }),
            );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Issuer { base, state }
    }

    fn console(&self) -> ConsoleSignIn {
        let settings = OidcSettings {
            issuer: self.base.clone(),
            client_id: CLIENT_ID.into(),
            login_url: self.base.clone(),
            console_url: CONSOLE.into(),
        };
        ConsoleSignIn::Oidc(Arc::new(OidcClient::new(settings).unwrap()))
    }

    /// What managed login does once a person signed in: a code for this sign-in's request.
    fn sign_in(&self, authorize_url: &str, groups: Vec<&'static str>, partner: Option<&'static str>) -> String {
        let query: HashMap<String, String> =
            form_urlencoded::parse(authorize_url.split_once('?').unwrap().1.as_bytes()).into_owned().collect();
        assert_eq!(query["client_id"], CLIENT_ID);
        assert_eq!(query["redirect_uri"], format!("{CONSOLE}/staff/callback"));
        assert_eq!(query["code_challenge_method"], "S256");
        let code = uuid::Uuid::new_v4().simple().to_string();
        let grant =
            Grant { groups, partner, nonce: query["nonce"].clone(), challenge: query["code_challenge"].clone() };
        self.state.lock().unwrap().codes.insert(code.clone(), grant);
        code
    }

    fn next_token(&self, token: Token) {
        self.state.lock().unwrap().token = Some(token);
    }
}

fn token_answer(state: &Mutex<IssuerState>, issuer: &str, body: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let form: HashMap<String, String> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let mut state = state.lock().unwrap();
    let refuse = || (StatusCode::BAD_REQUEST, axum::Json(json!({"error": "invalid_grant"}))).into_response();
    // A code is redeemed once, by the client it was for, with the verifier of its challenge.
    let Some(grant) = form.get("code").and_then(|code| state.codes.remove(code)) else {
        return refuse();
    };
    let verifier = form.get("code_verifier").map(String::as_str).unwrap_or_default();
    let challenge = b64(&<sha2::Sha256 as sha2::Digest>::digest(verifier.as_bytes()));
    if form.get("client_id").map(String::as_str) != Some(CLIENT_ID) || challenge != grant.challenge {
        return refuse();
    }
    let kind = state.token.take().unwrap_or(Token::Good);
    let now = jiff::Timestamp::now().as_second();
    let mut claims = json!({
        "iss": if kind == Token::OtherIssuer { "https://elsewhere.example" } else { issuer },
        "aud": if kind == Token::OtherAudience { "another-client" } else { CLIENT_ID },
        "sub": format!("user-{}", grant.groups.join("-")),
        "token_use": if kind == Token::UsedForAccess { "access" } else { "id" },
        "nonce": if kind == Token::OtherNonce { "another-sign-in" } else { grant.nonce.as_str() },
        "iat": now,
        "exp": if kind == Token::Expired { now - 3600 } else { now + 3600 },
        "cognito:groups": grant.groups,
        "email": "staff@example.org",
    });
    if let Some(partner) = grant.partner {
        claims["custom:partner_id"] = partner.into();
    }
    let id_token = match kind {
        Token::AlgNone => {
            let header = b64(br#"{"alg":"none","typ":"JWT","kid":"test-key"}"#);
            format!("{header}.{}.", b64(claims.to_string().as_bytes()))
        }
        _ => {
            let pem: &[u8] = if kind == Token::BadSignature {
                include_bytes!("../support/oidc/stranger.pem")
            } else {
                include_bytes!("../support/oidc/issuer.pem")
            };
            oys_web::jwt_crypto::install();
            let mut header = Header::new(Algorithm::RS256);
            header.kid = Some("test-key".into());
            jsonwebtoken::encode(&header, &claims, &EncodingKey::from_rsa_pem(pem).unwrap()).unwrap()
        }
    };
    axum::Json(json!({"id_token": id_token, "access_token": "a", "refresh_token": "r", "token_type": "Bearer"}))
        .into_response()
}

/// A browser: keeps cookies, sends the same-origin headers a browser sends with a form.
struct Browser {
    router: axum::Router,
    cookies: HashMap<String, String>,
}

struct Page {
    status: StatusCode,
    location: Option<String>,
    body: String,
}

impl Browser {
    fn new(router: axum::Router) -> Browser {
        Browser { router, cookies: HashMap::new() }
    }

    async fn send(&mut self, method: &str, path: &str, form: Option<&[(&str, &str)]>) -> Page {
        let mut request = Request::builder().method(method).uri(path).header("sec-fetch-site", "same-origin");
        let cookie: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        if !cookie.is_empty() {
            request = request.header(header::COOKIE, cookie.join("; "));
        }
        let body = match form {
            Some(fields) => {
                request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish())
            }
            None => Body::empty(),
        };
        let response = self.router.clone().oneshot(request.body(body).unwrap()).await.unwrap();
        for set in response.headers().get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            assert!(set.contains("; Secure; HttpOnly; SameSite=Lax"), "{set}");
            let (name, value) = set.split(';').next().unwrap().split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
        }
        let status = response.status();
        let location = response.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_string());
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "{path}");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        Page { status, location, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    async fn get(&mut self, path: &str) -> Page {
        self.send("GET", path, None).await
    }

    /// Signs in through the issuer as a member of `groups`; returns the callback's answer.
    async fn sign_in_as(&mut self, issuer: &Issuer, groups: Vec<&'static str>, partner: Option<&'static str>) -> Page {
        let start = self.get("/staff/sign-in?return_to=/staff/queue").await;
        assert_eq!(start.status, StatusCode::SEE_OTHER);
        let authorize = start.location.unwrap();
        assert!(authorize.starts_with(&format!("{}/oauth2/authorize?", issuer.base)), "{authorize}");
        let code = issuer.sign_in(&authorize, groups, partner);
        let state = query_value(&authorize, "state");
        self.get(&format!("/staff/callback?code={code}&state={state}")).await
    }
}

fn query_value(url: &str, name: &str) -> String {
    form_urlencoded::parse(url.split_once('?').unwrap().1.as_bytes()).find(|(k, _)| k == name).unwrap().1.into_owned()
}

/// A form field's value as the page gives it (the anti-forgery token, a hidden field).
fn field_of(body: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    let at = body.find(&start).unwrap_or_else(|| panic!("a form with the field {name}")) + start.len();
    body[at..].split('"').next().unwrap().to_string()
}

fn csrf_of(body: &str) -> String {
    field_of(body, "csrf")
}

fn console_router(backend: &Backend, issuer: &Issuer) -> axum::Router {
    let users = local_users(&[]);
    backend.operator_router_with_console(Authenticator::LocalTokens(users), issuer.console())
}

async fn submit(backend: &Backend) -> Reference {
    let answer = post_json(backend, &event("report-full.json")).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.json);
    Reference::parse(answer.json["reference"].as_str().unwrap()).unwrap()
}

async fn events_of(backend: &Backend, reference: &Reference) -> usize {
    backend.services.cases.events(reference).await.unwrap().len()
}

/// An operator signs in, finds the new report in the queue, records the call, confirms the
/// proposed partner and the reporter's consent (the partner's handoff arrives), releases the
/// police referral after reading it (the force's email arrives), and signs out.
async fn an_operator_works_a_case_from_sign_in_to_sign_out(backend: Backend) {
    let issuer = Issuer::start().await;
    let reference = submit(&backend).await;
    backend.run_workers().await;
    let mut browser = Browser::new(console_router(&backend, &issuer));

    let signed_in = browser.sign_in_as(&issuer, vec!["operator"], None).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    assert_eq!(signed_in.location.as_deref(), Some("/staff/queue"));
    assert!(browser.cookies.contains_key("__Host-oys-staff") && !browser.cookies.contains_key("__Host-oys-sign-in"));
    assert_eq!(issuer.state.lock().unwrap().revoked, 1, "the refresh token is revoked at once");

    let queue = browser.get("/staff/queue").await;
    assert_eq!(queue.status, StatusCode::OK);
    let call_back = queue.body.split("id=\"call_back\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(call_back.contains(reference.as_str()), "the new report waits for a call back");

    let case = browser.get(&format!("/staff/cases/{reference}")).await;
    assert_eq!(case.status, StatusCode::OK);
    assert!(case.body.contains("Safe contact") && case.body.contains("recorded in its audit trail"));
    let csrf = csrf_of(&case.body);
    let action = |name: &str| format!("/staff/cases/{reference}/{name}");

    // A refusal shows in place and changes nothing.
    let before = events_of(&backend, &reference).await;
    let empty = browser.send("POST", &action("call"), Some(&[("csrf", &csrf)])).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("id=\"outcome-error\""));
    assert_eq!(events_of(&backend, &reference).await, before);

    let called = browser.send("POST", &action("call"), Some(&[("csrf", &csrf), ("outcome", "reached")])).await;
    assert_eq!(called.location, Some(format!("/staff/cases/{reference}?done=call")));

    let assign = browser.get(&action("assign")).await;
    assert!(assign.body.contains("(proposed first)"), "the proposal's partners are offered, ranked");
    let proposed =
        backend.services.assignments.proposal(&reference).await.unwrap().unwrap().ranked[0].partner_id.clone();
    let assigned = browser
        .send("POST", &action("assign"), Some(&[("csrf", &csrf), ("partner_id", &proposed), ("reason", "")]))
        .await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);

    // The form names the organisation the decision is for, as the page shows it.
    let consent_page = browser.get(&action("consent")).await;
    let for_partner = field_of(&consent_page.body, "partner_id");
    assert_eq!(for_partner, proposed);
    let consent = [
        ("csrf", csrf.as_str()),
        ("partner_id", for_partner.as_str()),
        ("decision", "given"),
        ("channel", "phone"),
        ("privacy_notice_version", "2026-01"),
    ];
    let consented = browser.send("POST", &action("consent"), Some(&consent)).await;
    assert_eq!(consented.status, StatusCode::SEE_OTHER, "{}", consented.body);
    let partners = oys_shared::advocate::parse_partners(oys_embedded::BUNDLED_PARTNERS).unwrap();
    let mailbox = partners.iter().find(|p| p.id == proposed).unwrap().mailbox.clone();
    let handoffs = backend.emails_to(&mailbox).await;
    assert!(handoffs.iter().any(|e| e.subject.contains(reference.as_str())), "the partner's handoff arrived");

    let release = browser.get(&action("release")).await;
    let force_mailbox = backend.police_mailbox("greater-manchester");
    assert!(release.body.contains("What the force will receive") && release.body.contains(&force_mailbox));
    assert!(backend.emails_to(&force_mailbox).await.is_empty(), "nothing goes before the release");
    let released = browser.send("POST", &action("release"), Some(&[("csrf", &csrf)])).await;
    assert_eq!(released.status, StatusCode::SEE_OTHER, "{}", released.body);
    backend.run_workers().await;
    let referrals = backend.emails_to(&force_mailbox).await;
    assert!(referrals.iter().any(|e| e.subject.contains(reference.as_str())), "the force's email arrived");

    // The police decision of a reporter who was "not sure yet" goes through the same use case:
    // this one chose in the report, so it is refused in place, and nothing changes.
    let before = events_of(&backend, &reference).await;
    let decision = [
        ("csrf", csrf.as_str()),
        ("consent", "anonymous"),
        ("channel", "phone"),
        ("privacy_notice_version", "2026-12"),
    ];
    let refused = browser.send("POST", &action("police-decision"), Some(&decision)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"consent-error\"") && refused.body.contains("Nothing waits for a police decision")
    );
    assert_eq!(events_of(&backend, &reference).await, before);

    let timeline = browser.get(&format!("/staff/cases/{reference}?done=release")).await;
    assert!(timeline.body.contains("The police referral was released."));
    for what in ["Call made", "Assignment confirmed", "Share consent given", "Police referral released"] {
        assert!(timeline.body.contains(what), "the timeline shows {what}");
    }

    let signed_out = browser.send("POST", "/staff/sign-out", Some(&[("csrf", &csrf)])).await;
    let logout = signed_out.location.unwrap();
    assert!(logout.starts_with(&format!("{}/logout?client_id={CLIENT_ID}", issuer.base)), "{logout}");
    assert!(!browser.cookies.contains_key("__Host-oys-staff"));
    // The old cookie, kept by someone, opens nothing.
    let mut kept = Browser::new(browser.router.clone());
    kept.cookies.insert("__Host-oys-staff".into(), "anything".into());
    assert_eq!(kept.get(&format!("/staff/cases/{reference}")).await.status, StatusCode::SEE_OTHER);
}

/// A form without the session's token, or with another, changes nothing.
async fn a_form_without_its_anti_forgery_token_changes_nothing(backend: Backend) {
    let issuer = Issuer::start().await;
    let reference = submit(&backend).await;
    let mut browser = Browser::new(console_router(&backend, &issuer));
    browser.sign_in_as(&issuer, vec!["operator"], None).await;
    let before = events_of(&backend, &reference).await;
    let path = format!("/staff/cases/{reference}/note");
    for fields in [vec![("text", "hello")], vec![("csrf", "forged"), ("text", "hello")]] {
        let answer = browser.send("POST", &path, Some(&fields)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(events_of(&backend, &reference).await, before);
    // And another site's form is refused before any of it is read.
    let request = Request::post(&path)
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("text=x"))
        .unwrap();
    let answer = browser.router.clone().oneshot(request).await.unwrap();
    assert_eq!(answer.status(), StatusCode::FORBIDDEN);
}

/// Signed out, every console URL leads to sign-in, the same for a case that exists and one
/// that does not.
async fn every_console_page_signed_out_leads_to_sign_in(backend: Backend) {
    let issuer = Issuer::start().await;
    let reference = submit(&backend).await;
    let mut browser = Browser::new(console_router(&backend, &issuer));
    let missing = Reference::from_entropy(7);
    let mut paths =
        vec!["/staff/queue".to_string(), "/staff/queue?status=awaiting_call".into(), "/staff/elsewhere".into()];
    for r in [&reference, &missing] {
        paths.push(format!("/staff/cases/{r}"));
        paths.push(format!("/staff/cases/{r}/export"));
        for action in
            ["call", "assign", "consent", "force", "release", "police-decision", "note", "close", "withdraw", "erase"]
        {
            paths.push(format!("/staff/cases/{r}/{action}"));
        }
    }
    for path in &paths {
        let page = browser.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        let to = page.location.unwrap();
        assert!(to.starts_with("/staff/sign-in?return_to="), "{path} → {to}");
        assert!(!page.body.contains(reference.as_str()));
    }
    let post = browser.send("POST", &format!("/staff/cases/{reference}/note"), Some(&[("text", "x")])).await;
    assert_eq!(post.location.as_deref(), Some("/staff/sign-in"));
    assert_eq!(events_of(&backend, &reference).await, 0);
}

on_both_backends!(
    an_operator_works_a_case_from_sign_in_to_sign_out,
    a_form_without_its_anti_forgery_token_changes_nothing,
    every_console_page_signed_out_leads_to_sign_in,
    an_operator_takes_a_report_by_phone,
    advocates_and_leads_see_what_their_roles_allow,
);

/// Every forged, stale or misdirected token, a replayed state, a state from another browser
/// and a code redeemed without its verifier: no session.
#[tokio::test]
async fn sign_ins_are_refused_unless_everything_checks_out() {
    let backend = Backend::embedded().await;
    let issuer = Issuer::start().await;
    let router = console_router(&backend, &issuer);
    for token in [
        Token::BadSignature,
        Token::OtherIssuer,
        Token::OtherAudience,
        Token::Expired,
        Token::AlgNone,
        Token::OtherNonce,
        Token::UsedForAccess,
    ] {
        let mut browser = Browser::new(router.clone());
        issuer.next_token(token);
        let answer = browser.sign_in_as(&issuer, vec!["operator"], None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{token:?}");
        assert!(!browser.cookies.contains_key("__Host-oys-staff"), "{token:?}");
    }
    // No staff group: no session.
    let mut browser = Browser::new(router.clone());
    assert_eq!(browser.sign_in_as(&issuer, vec!["admins"], None).await.status, StatusCode::BAD_REQUEST);

    // A state used once is used up; a state from another browser is not this one's.
    let mut browser = Browser::new(router.clone());
    let start = browser.get("/staff/sign-in").await.location.unwrap();
    let state = query_value(&start, "state");
    let code = issuer.sign_in(&start, vec!["operator"], None);
    let mut stranger = Browser::new(router.clone());
    stranger.get("/staff/sign-in").await;
    let stolen = stranger.get(&format!("/staff/callback?code={code}&state={state}")).await;
    assert_eq!(stolen.status, StatusCode::BAD_REQUEST, "another browser's state");
    assert!(!stranger.cookies.contains_key("__Host-oys-staff"));
    let first = browser.get(&format!("/staff/callback?code={code}&state={state}")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let session = browser.cookies["__Host-oys-staff"].clone();
    browser.cookies.insert("__Host-oys-sign-in".into(), state.clone());
    let code = issuer.sign_in(&start, vec!["operator"], None);
    let replayed = browser.get(&format!("/staff/callback?code={code}&state={state}")).await;
    assert_eq!(replayed.status, StatusCode::BAD_REQUEST, "a replayed state");
    assert_eq!(browser.cookies["__Host-oys-staff"], session, "the session is not replaced by a replay");

    // A code redeemed without the verifier of its challenge (the issuer refuses it).
    let mut browser = Browser::new(router.clone());
    let start = browser.get("/staff/sign-in").await.location.unwrap();
    let forged_challenge = start.replace(&query_value(&start, "code_challenge"), "not-the-challenge");
    let code = issuer.sign_in(&forged_challenge, vec!["operator"], None);
    let answer = browser.get(&format!("/staff/callback?code={code}&state={}", query_value(&start, "state"))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "no matching PKCE verifier");
    assert!(!browser.cookies.contains_key("__Host-oys-staff"));
}

/// Sign-in makes a new session each time (a cookie planted before sign-in is never the
/// signed-in one), and an advocate sees only their cases, not the operators' queue.
#[tokio::test]
async fn each_sign_in_makes_a_new_session_and_roles_see_their_own_screens() {
    let backend = Backend::embedded().await;
    let issuer = Issuer::start().await;
    let router = console_router(&backend, &issuer);
    let mut browser = Browser::new(router.clone());
    browser.cookies.insert("__Host-oys-staff".into(), "planted-by-someone".into());
    browser.sign_in_as(&issuer, vec!["operator"], None).await;
    let first = browser.cookies["__Host-oys-staff"].clone();
    assert_ne!(first, "planted-by-someone");
    browser.sign_in_as(&issuer, vec!["operator"], None).await;
    assert_ne!(browser.cookies["__Host-oys-staff"], first, "the session id is rotated at sign-in");

    let reference = submit(&backend).await;
    let mut advocate = Browser::new(router.clone());
    advocate.sign_in_as(&issuer, vec!["advocate"], Some("example-london")).await;
    let list = advocate.get("/staff/queue").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Your cases") && !list.body.contains(reference.as_str()));
    assert_eq!(advocate.get(&format!("/staff/cases/{reference}")).await.status, StatusCode::NOT_FOUND);
    let mut lead = Browser::new(router);
    lead.sign_in_as(&issuer, vec!["operator", "lead"], None).await;
    assert!(lead.get("/staff/queue").await.body.contains("(lead)"));
}

/// The idle and absolute limits end a session whatever the cookie says.
#[tokio::test]
async fn an_idle_session_ends_and_asks_for_sign_in_again() {
    let backend = Backend::embedded().await;
    let issuer = Issuer::start().await;
    let mut browser = Browser::new(console_router(&backend, &issuer));
    browser.sign_in_as(&issuer, vec!["operator"], None).await;
    assert_eq!(browser.get("/staff/queue").await.status, StatusCode::OK);
    let key = oys_application::staff_sign_in::stored_key(&browser.cookies["__Host-oys-staff"]);
    let mut session = backend.services.sessions.session(&key).await.unwrap().unwrap();
    session.last_seen_at = session.last_seen_at.checked_sub(jiff::SignedDuration::from_mins(31)).unwrap();
    session.started_at = session.last_seen_at;
    backend.services.sessions.put_session(&key, &session).await.unwrap();
    let page = browser.get("/staff/queue").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(backend.services.sessions.session(&key).await.unwrap().is_none(), "an ended session is removed");
}

// ---- part 2: reports by phone and webchat, the advocate's console, the lead's ----------------

/// A phone report's fields as the console's form sends them: the caller wants an anonymous
/// police referral and an advocate, and spoke Cantonese through an interpreter.
fn phone_report<'a>(csrf: &'a str, form_key: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("channel", "phone"),
        ("read_in", "en"),
        ("form_key", form_key),
        ("consent.privacy_notice_version", oys_shared::report::PRIVACY_NOTICE_VERSION),
        ("assisted.language_spoken", "Cantonese"),
        ("assisted.interpreter_used", "true"),
        ("incident.occurred_on", "2026-11-20"),
        ("incident.types", "verbal_abuse"),
        ("incident.description", "Shouted at on the tram by two men."),
        ("incident.location.postcode", "M1 1AE"),
        ("incident.location.town", "Manchester"),
        ("reporter.role", "victim"),
        ("consent.police", "anonymous"),
        ("consent.advocate_support", "true"),
        ("contact.phone", "07700 900123"),
        ("contact.preferred_method", "phone"),
    ]
}

/// An operator takes a report by phone: the public form's questions with the words to read
/// aloud from its catalogue; a refusal keeps what was typed and stores nothing; sent, it is the
/// operator's phone report, its case page shows the channel, who took it and its routes, with
/// the caller's receipt, and its police referral goes as the trusted-channel rule says.
async fn an_operator_takes_a_report_by_phone(backend: Backend) {
    use oys_shared::i18n::{message, Language};
    let issuer = Issuer::start().await;
    let mut browser = Browser::new(console_router(&backend, &issuer));
    browser.sign_in_as(&issuer, vec!["operator"], None).await;

    let form = browser.get("/staff/new-report?channel=phone").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    for id in ["form-consent-police", "next-steps-police-anonymous", "next-steps-police-with-contact", "privacy-share"]
    {
        let words = message(Language::English, id, &[]);
        assert!(form.body.contains(&askama_escape(&words)), "the words of {id} are there to read aloud");
    }
    assert!(form.body.contains(&format!("Privacy notice version {}", oys_shared::report::PRIVACY_NOTICE_VERSION)));
    let vietnamese = browser.get("/staff/new-report?channel=phone&read_in=vi").await;
    let words = message(Language::Vietnamese, "next-steps-police-anonymous", &[]);
    assert!(vietnamese.body.contains(&askama_escape(&words)), "the words in the caller's language");
    assert_eq!(browser.get("/staff/new-report?channel=online").await.status, StatusCode::NOT_FOUND);

    let csrf = csrf_of(&form.body);
    let form_key = field_of(&form.body, "form_key");
    let mut missing = phone_report(&csrf, &form_key);
    missing.retain(|(k, _)| *k != "incident.description");
    let refused = browser.send("POST", "/staff/new-report", Some(&missing)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("href=\"#incident-description\""), "the summary links to the question");
    assert!(refused.body.contains("value=\"Manchester\"") && refused.body.contains("value=\"Cantonese\""));
    let listed = |backend: &Backend| {
        let filter = oys_application::ports::CaseFilter {
            statuses: oys_shared::casework::CaseStatus::ALL.to_vec(),
            shared_with: None,
            limit: 10,
        };
        let cases = backend.services.cases.clone();
        async move { cases.list_cases(&filter).await.unwrap() }
    };
    assert!(listed(&backend).await.is_empty(), "a refused report stores nothing");

    let sent = browser.send("POST", "/staff/new-report", Some(&phone_report(&csrf, &form_key))).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let cases = listed(&backend).await;
    assert_eq!(cases.len(), 1);
    let reference = cases[0].reference.clone();
    assert!(sent.body.contains(&format!("Report taken: {reference}")));
    assert!(sent.body.contains("Their receipt"), "the caller's receipt is read to them");
    let card = sent.body.split("How the report came in").nth(1).unwrap().split("</section>").next().unwrap();
    for shown in ["Phone", "user-operator", "Cantonese", "Police referral", "Advocate assignment"] {
        assert!(card.contains(shown), "the case page shows {shown}: {card}");
    }
    let stored = backend.services.reports.get_report(&reference).await.unwrap().unwrap();
    assert_eq!(stored.summary.channel, oys_shared::report::Channel::Phone);
    let taken = stored.summary.taken.expect("who took it is kept");
    assert_eq!((taken.by.as_str(), taken.interpreter_used), ("user-operator", Some(true)));
    let audit = backend.services.audit.entries(&reference).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "report_taken" && e.actor == "user-operator"));

    // Sent twice (a double click), it is one report.
    let again = browser.send("POST", "/staff/new-report", Some(&phone_report(&csrf, &form_key))).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(listed(&backend).await.len(), 1);

    // A trusted channel's referral needs no release: it goes to the force.
    backend.run_workers().await;
    let force = backend.police_mailbox("greater-manchester");
    assert!(backend.emails_to(&force).await.iter().any(|e| e.subject.contains(reference.as_str())));
}

/// Text as askama escapes it in a page.
fn askama_escape(text: &str) -> String {
    text.replace('&', "&#38;").replace('\'', "&#39;").replace('"', "&#34;").replace('<', "&#60;").replace('>', "&#62;")
}

/// An advocate sees a case only once the reporter's consent to share with their organisation is
/// recorded, and only until it is withdrawn; records first contact; another organisation's case
/// is a 404 page as a missing one is. A lead reads the audit trail with both reads in it; an
/// operator or advocate reaching a lead page is refused.
async fn advocates_and_leads_see_what_their_roles_allow(backend: Backend) {
    let issuer = Issuer::start().await;
    let router = console_router(&backend, &issuer);
    let reference = submit(&backend).await;
    backend.run_workers().await;
    let mut operator = Browser::new(router.clone());
    operator.sign_in_as(&issuer, vec!["operator"], None).await;
    let case = operator.get(&format!("/staff/cases/{reference}")).await;
    let csrf = csrf_of(&case.body);
    let action = |name: &str| format!("/staff/cases/{reference}/{name}");
    let partner = "example-london";
    let mut advocate = Browser::new(router.clone());
    advocate.sign_in_as(&issuer, vec!["advocate"], Some(partner)).await;
    let mut other = Browser::new(router.clone());
    other.sign_in_as(&issuer, vec!["advocate"], Some("example-scotland")).await;

    operator.send("POST", &action("call"), Some(&[("csrf", &csrf), ("outcome", "reached")])).await;
    let assigned = operator
        .send("POST", &action("assign"), Some(&[("csrf", &csrf), ("partner_id", partner), ("reason", "near them")]))
        .await;
    assert_eq!(assigned.status, StatusCode::SEE_OTHER, "{}", assigned.body);
    assert!(!advocate.get("/staff/queue").await.body.contains(reference.as_str()), "not before consent");
    assert_eq!(advocate.get(&format!("/staff/cases/{reference}")).await.status, StatusCode::NOT_FOUND);

    let consent = [
        ("csrf", csrf.as_str()),
        ("partner_id", partner),
        ("decision", "given"),
        ("channel", "phone"),
        ("privacy_notice_version", "2026-01"),
    ];
    assert_eq!(operator.send("POST", &action("consent"), Some(&consent)).await.status, StatusCode::SEE_OTHER);
    // The handoff the consent owes goes, as the table's stream has the dispatcher send it.
    backend.dispatch().await;
    let list = advocate.get("/staff/queue").await;
    assert!(list.body.contains(reference.as_str()) && list.body.contains("Shared with you"));
    assert!(!list.body.contains("Greater Manchester") && !list.body.contains("Nation"), "need to know");
    let handoff = advocate.get(&format!("/staff/cases/{reference}")).await;
    assert_eq!(handoff.status, StatusCode::OK);
    let description = backend.services.reports.get_report(&reference).await.unwrap().unwrap().narrative.unwrap();
    assert!(handoff.body.contains(&askama_escape(&description.description)), "in the reporter's own words");
    assert!(handoff.body.find("Safe contact").unwrap() < handoff.body.find("What happened").unwrap());
    let advocate_csrf = csrf_of(&handoff.body);
    assert_eq!(advocate.get(&action("release")).await.status, StatusCode::NOT_FOUND, "only their two actions");
    let contact = advocate.send("POST", &action("contact"), Some(&[("csrf", &advocate_csrf)])).await;
    assert_eq!(contact.status, StatusCode::SEE_OTHER, "{}", contact.body);
    let events = backend.services.cases.events(&reference).await.unwrap();
    assert!(events
        .iter()
        .any(|e| e.event.kind() == "advocate_contact_made" && e.partner_id.as_deref() == Some(partner)));

    // Another organisation's case by URL: the same page as no case at all.
    let theirs = other.get(&format!("/staff/cases/{reference}")).await;
    let none = other.get(&format!("/staff/cases/{}", Reference::from_entropy(99))).await;
    assert_eq!((theirs.status, none.status), (StatusCode::NOT_FOUND, StatusCode::NOT_FOUND));
    assert_eq!(
        theirs.body.replace(reference.as_str(), ""),
        none.body.replace(Reference::from_entropy(99).as_str(), "")
    );

    // Lead pages: refused to others, then the trail with the operator's and advocate's reads.
    for page in ["/staff/escalations", "/staff/caseload", "/staff/statistics", &action("audit")] {
        assert_eq!(operator.get(page).await.status, StatusCode::FORBIDDEN, "{page}");
        assert_eq!(advocate.get(page).await.status, StatusCode::FORBIDDEN, "{page}");
    }
    let mut lead = Browser::new(router.clone());
    lead.sign_in_as(&issuer, vec!["operator", "lead"], None).await;
    let trail = lead.get(&action("audit")).await;
    assert_eq!(trail.status, StatusCode::OK, "{}", trail.body);
    for reader in ["user-operator", "user-advocate", "user-operator-lead"] {
        assert!(trail.body.contains(reader), "{reader} is in the trail");
    }
    assert!(trail.body.contains("Read the case") && trail.body.contains("example-london"));
    let caseload = lead.get("/staff/caseload").await;
    let london = caseload.body.split("London and South East").nth(1).unwrap().split("</tr>").next().unwrap();
    assert!(london.contains("<td>1</td>"), "the case counts against its organisation: {london}");
    assert_eq!(lead.get("/staff/escalations").await.status, StatusCode::OK);
    let statistics = lead.get("/staff/statistics").await;
    assert!(statistics.body.contains(&oys_shared::statistics::month_of(backend.services.clock.now())));
    assert!(statistics.body.contains("Withheld"), "one report's month is withheld");

    // Consent withdrawn: the case leaves the advocate's list at once.
    let withdraw =
        [("csrf", csrf.as_str()), ("scope", "partner"), ("channel", "phone"), ("privacy_notice_version", "2026-01")];
    let withdrawn = operator.send("POST", &action("withdraw-consent"), Some(&withdraw)).await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{}", withdrawn.body);
    assert!(!advocate.get("/staff/queue").await.body.contains(reference.as_str()));
    assert_eq!(advocate.get(&format!("/staff/cases/{reference}")).await.status, StatusCode::NOT_FOUND);
}
