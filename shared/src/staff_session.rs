//! A member of staff's signed-in session in the console: how long it lives, what it holds.
//! The rules only; the cookie, the store and the sign-in itself are the service's.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::casework::Caller;

/// A session left alone this long ends: a screen left open on a shared desk signs itself out.
pub const IDLE_LIMIT: SignedDuration = SignedDuration::from_mins(30);
/// However busy, a session ends this long after sign-in: a shift, then sign in again (with MFA).
pub const ABSOLUTE_LIMIT: SignedDuration = SignedDuration::from_hours(12);
/// How long before the idle limit the page warns, so a person can stay signed in.
pub const WARN_BEFORE: SignedDuration = SignedDuration::from_mins(5);
/// A sign-in begun and not finished within this is refused (the state and verifier expire).
pub const SIGN_IN_LIMIT: SignedDuration = SignedDuration::from_mins(10);

/// A signed-in session, stored server-side under a hash of its cookie's secret: the browser
/// holds nothing but that secret, and no token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSession {
    pub caller: Caller,
    /// Sent back with every form: a request without it changes nothing.
    pub anti_forgery: String,
    pub started_at: Timestamp,
    pub last_seen_at: Timestamp,
}

impl StaffSession {
    pub fn new(caller: Caller, anti_forgery: String, now: Timestamp) -> StaffSession {
        StaffSession { caller, anti_forgery, started_at: now, last_seen_at: now }
    }

    /// When it ends if nothing more is done: idle limit or absolute limit, whichever is first.
    pub fn ends_at(&self) -> Timestamp {
        let idle = self.last_seen_at.saturating_add(IDLE_LIMIT).expect("a signed duration adds to a timestamp");
        let absolute = self.started_at.saturating_add(ABSOLUTE_LIMIT).expect("a signed duration adds to a timestamp");
        idle.min(absolute)
    }

    pub fn is_live(&self, now: Timestamp) -> bool {
        now < self.ends_at()
    }

    /// The session after a request at `now` (its idle clock restarts).
    pub fn seen(&self, now: Timestamp) -> StaffSession {
        StaffSession { last_seen_at: now.max(self.last_seen_at), ..self.clone() }
    }

    /// Whether a request at `now` needs to store the session again: only once a minute, so a
    /// page and its assets cost one write at most.
    pub fn worth_touching(&self, now: Timestamp) -> bool {
        now.duration_since(self.last_seen_at) >= SignedDuration::from_mins(1)
    }

    /// Seconds left, for the page's warning.
    pub fn seconds_left(&self, now: Timestamp) -> i64 {
        self.ends_at().duration_since(now).as_secs().max(0)
    }
}

/// A sign-in under way: what the callback needs to finish it, stored server-side under a hash
/// of the `state` the browser carries to the issuer and back. Taken (read and deleted) once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The PKCE code verifier: only this server can redeem the code.
    pub verifier: String,
    /// Must come back inside the ID token: a token minted for another sign-in is refused.
    pub nonce: String,
    pub started_at: Timestamp,
    /// A console path to go back to after sign-in (`/staff/…` only).
    pub return_to: Option<String>,
}

impl PendingSignIn {
    pub fn expires_at(&self) -> Timestamp {
        self.started_at.saturating_add(SIGN_IN_LIMIT).expect("a signed duration adds to a timestamp")
    }

    pub fn is_live(&self, now: Timestamp) -> bool {
        now < self.expires_at()
    }
}

/// Why a sign-in was refused. Says nothing about the person: logged as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInRefused {
    /// No sign-in under way for this browser: the state is missing, unknown, used or expired.
    UnknownState,
    /// The code could not be redeemed (the issuer refused it, or could not be reached).
    Redeem(String),
    /// The ID token is not valid (signature, issuer, audience, expiry, use or nonce).
    InvalidToken(String),
    /// The account has no staff role.
    NoRole,
    /// The session store could not be reached.
    Store,
}

impl std::fmt::Display for SignInRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignInRefused::UnknownState => {
                write!(f, "no sign-in under way for this browser (state missing, unknown, used or expired)")
            }
            SignInRefused::Redeem(why) => write!(f, "the code could not be redeemed: {why}"),
            SignInRefused::InvalidToken(why) => write!(f, "the ID token is not valid: {why}"),
            SignInRefused::NoRole => write!(f, "the account has no staff role"),
            SignInRefused::Store => write!(f, "the session store could not be reached"),
        }
    }
}

/// A path the console may send someone back to after sign-in: its own pages only, never
/// another site (`//evil.example`, `/staff/../x`, a scheme).
pub fn safe_return_path(path: &str) -> Option<&str> {
    let ok = path.starts_with("/staff/")
        && !path.contains("//")
        && !path.contains("..")
        && !path.contains('\\')
        && path.len() <= 512
        && path.bytes().all(|b| b.is_ascii_graphic());
    ok.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casework::StaffRole;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn session(now: Timestamp) -> StaffSession {
        let caller = Caller { user: "u".into(), roles: vec![StaffRole::Operator], partner_id: None };
        StaffSession::new(caller, "t".into(), now)
    }

    #[test]
    fn a_session_ends_after_thirty_idle_minutes_or_twelve_hours() {
        let start = at("2026-03-02T09:00:00Z");
        let s = session(start);
        assert!(s.is_live(at("2026-03-02T09:29:59Z")));
        assert!(!s.is_live(at("2026-03-02T09:30:00Z")), "idle for 30 minutes");
        // Busy all day: every request restarts the idle clock, but not the absolute one.
        let mut busy = s.clone();
        let mut t = start;
        while t < at("2026-03-02T21:00:00Z") {
            assert!(busy.is_live(t));
            busy = busy.seen(t);
            t = t.saturating_add(SignedDuration::from_mins(20)).unwrap();
        }
        assert!(!busy.is_live(at("2026-03-02T21:00:00Z")), "12 hours after sign-in");
        assert_eq!(busy.ends_at(), at("2026-03-02T21:00:00Z"));
    }

    #[test]
    fn a_session_is_stored_again_at_most_once_a_minute() {
        let s = session(at("2026-03-02T09:00:00Z"));
        assert!(!s.worth_touching(at("2026-03-02T09:00:59Z")));
        assert!(s.worth_touching(at("2026-03-02T09:01:00Z")));
    }

    #[test]
    fn a_sign_in_expires_after_ten_minutes() {
        let p = PendingSignIn {
            verifier: "v".into(),
            nonce: "n".into(),
            started_at: at("2026-03-02T09:00:00Z"),
            return_to: None,
        };
        assert!(p.is_live(at("2026-03-02T09:09:59Z")));
        assert!(!p.is_live(at("2026-03-02T09:10:00Z")));
    }

    #[test]
    fn only_console_paths_are_returned_to() {
        assert_eq!(safe_return_path("/staff/cases/ABC?x=1"), Some("/staff/cases/ABC?x=1"));
        for bad in
            ["https://evil.example/", "//evil.example", "/staff//evil", "/staff/../v1", "/v1/cases", "/staff/\\x"]
        {
            assert_eq!(safe_return_path(bad), None, "{bad}");
        }
    }
}
