//! Signing staff in and out of the console, and the session each request is checked against.
//! The session lives server-side (`StaffSessions`); the browser holds only a random secret in a
//! cookie, whose hash is the store's key. A new secret is made at every sign-in, so a secret
//! planted before sign-in is never the signed-in one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use oys_shared::casework::Caller;
use oys_shared::staff_session::{safe_return_path, PendingSignIn, SignInRefused, StaffSession};
use tracing::{info, warn};

use crate::ports::{PortError, StaffIdentity};

crate::services::use_case_ports! { ports: [WithSessions, WithClock] }

/// 32 random bytes, URL-safe: session secrets, states, nonces, PKCE verifiers, form tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What a store keeps of a secret the browser holds: its SHA-256, hex.
pub fn stored_key(secret: &str) -> String {
    oys_shared::hex::sha256(secret.as_bytes())
}

/// A sign-in begun: the browser keeps `state` (a cookie) and goes to `authorize_url`.
pub struct SignInStarted {
    pub state: String,
    pub authorize_url: String,
}

/// A session begun: the browser keeps `secret` (a cookie).
pub struct SessionStarted {
    pub secret: String,
    pub session: StaffSession,
}

/// Starts a sign-in with the issuer: a fresh state, nonce and PKCE verifier, kept here.
pub async fn begin(
    svc: &impl Ports,
    oidc: &dyn StaffIdentity,
    return_to: Option<&str>,
) -> Result<SignInStarted, PortError> {
    let (state, nonce, verifier) = (random_token(), random_token(), random_token());
    let pending = PendingSignIn {
        verifier: verifier.clone(),
        nonce: nonce.clone(),
        started_at: svc.clock().now(),
        return_to: return_to.and_then(safe_return_path).map(str::to_string),
    };
    svc.sessions().put_sign_in(&stored_key(&state), &pending).await?;
    let authorize_url = oidc.authorize_url(&state, &nonce, &verifier);
    Ok(SignInStarted { state, authorize_url })
}

/// Finishes a sign-in at the callback: the `state` in the URL must be the one this browser
/// began with (its cookie), unused and recent; the code is redeemed with its verifier, and the
/// ID token must carry its nonce. Returns the new session and where to go.
pub async fn finish(
    svc: &impl Ports,
    oidc: &dyn StaffIdentity,
    browser_state: Option<&str>,
    returned_state: &str,
    code: &str,
) -> Result<(SessionStarted, Option<String>), SignInRefused> {
    let same = browser_state.is_some_and(|s| {
        !s.is_empty() && bool::from(subtle::ConstantTimeEq::ct_eq(s.as_bytes(), returned_state.as_bytes()))
    });
    if !same {
        return Err(SignInRefused::UnknownState);
    }
    let pending = svc.sessions().take_sign_in(&stored_key(returned_state)).await.map_err(|error| {
        warn!(%error, "sign-in store unavailable");
        SignInRefused::Store
    })?;
    let pending = pending.filter(|p| p.is_live(svc.clock().now())).ok_or(SignInRefused::UnknownState)?;
    let caller = oidc.redeem(code, &pending.verifier, &pending.nonce).await?;
    let started = start_session(svc, caller).await.map_err(|error| {
        warn!(%error, "session store unavailable");
        SignInRefused::Store
    })?;
    Ok((started, pending.return_to))
}

/// A new session for `caller` (after the issuer vouched for them, or a local user was chosen).
pub async fn start_session(svc: &impl Ports, caller: Caller) -> Result<SessionStarted, PortError> {
    let secret = random_token();
    let session = StaffSession::new(caller, random_token(), svc.clock().now());
    svc.sessions().put_session(&stored_key(&secret), &session).await?;
    info!(role = session.caller.main_role().as_str(), "staff signed in");
    Ok(SessionStarted { secret, session })
}

/// The live session a cookie's secret names, its idle clock restarted (stored again at most
/// once a minute). An ended session is removed.
pub async fn current(svc: &impl Ports, secret: &str) -> Result<Option<StaffSession>, PortError> {
    let key = stored_key(secret);
    let Some(session) = svc.sessions().session(&key).await? else {
        return Ok(None);
    };
    let now = svc.clock().now();
    if !session.is_live(now) {
        svc.sessions().end_session(&key).await?;
        return Ok(None);
    }
    let seen = session.seen(now);
    if session.worth_touching(now) {
        svc.sessions().put_session(&key, &seen).await?;
    }
    Ok(Some(seen))
}

/// "Stay signed in": the live session `current` returned, stored as seen now, whenever it was
/// last stored. Returns it.
pub async fn keep_alive(svc: &impl Ports, secret: &str, session: &StaffSession) -> Result<StaffSession, PortError> {
    let seen = session.seen(svc.clock().now());
    svc.sessions().put_session(&stored_key(secret), &seen).await?;
    Ok(seen)
}

/// Ends the session a cookie's secret names.
pub async fn sign_out(svc: &impl Ports, secret: &str) -> Result<(), PortError> {
    svc.sessions().end_session(&stored_key(secret)).await?;
    info!("staff signed out");
    Ok(())
}
