//! The staff console's OpenID Connect client (the `StaffIdentity` port's adapter): Cognito's managed login in AWS, the tests' own
//! issuer in tests. Authorization-code flow with PKCE; the code is redeemed here (the browser
//! never holds a token) and the ID token verified against the issuer's published keys (cached):
//! signature (RS256 only: `alg: none` or a symmetric algorithm is refused), issuer, audience,
//! expiry, `token_use` and the sign-in's nonce.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use tokio::sync::RwLock;

use oys_shared::casework::Caller;
use oys_shared::staff_session::SignInRefused;

use oys_application::ports::StaffIdentity;

/// Where the console signs people in, and who it is to the issuer.
#[derive(Debug, Clone)]
pub struct OidcSettings {
    /// The ID tokens' `iss`, and where its keys are (`<issuer>/.well-known/jwks.json`, as Cognito).
    pub issuer: String,
    /// The app client: the ID tokens' `aud`.
    pub client_id: String,
    /// Managed login's base URL: `/oauth2/authorize`, `/oauth2/token`, `/oauth2/revoke`, `/logout`.
    pub login_url: String,
    /// The console's own origin: the callback is `<console_url>/staff/callback`.
    pub console_url: String,
}

impl OidcSettings {
    /// Every URL HTTPS, except on a loopback host (the tests' issuer, the local runner).
    pub fn checked(self) -> Result<OidcSettings, String> {
        for (name, url) in
            [("issuer", &self.issuer), ("login URL", &self.login_url), ("console URL", &self.console_url)]
        {
            let local = ["http://127.0.0.1:", "http://localhost:", "http://[::1]:"].iter().any(|p| url.starts_with(p));
            if !(url.starts_with("https://") || local) || url.ends_with('/') {
                return Err(format!("the console's {name} must be an https:// URL without a trailing slash"));
            }
        }
        if self.client_id.trim().is_empty() {
            return Err("the console's client id is empty".into());
        }
        Ok(self)
    }

    pub fn callback_url(&self) -> String {
        format!("{}/staff/callback", self.console_url)
    }

    pub fn signed_out_url(&self) -> String {
        format!("{}/staff/signed-out", self.console_url)
    }
}

type HttpsClient = Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<axum::body::Bytes>>;

/// How long the issuer's keys are trusted before they are read again.
const KEYS_KEPT: Duration = Duration::from_secs(3600);
/// An unknown key id reads the keys again, at most this often (a key rotated in).
const KEYS_REREAD_AFTER: Duration = Duration::from_secs(60);
const ISSUER_TIMEOUT: Duration = Duration::from_secs(5);

pub struct OidcClient {
    settings: OidcSettings,
    http: HttpsClient,
    keys: RwLock<Option<(JwkSet, Instant)>>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    id_token: String,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct IdClaims {
    sub: String,
    token_use: Option<String>,
    nonce: Option<String>,
    #[serde(rename = "cognito:groups", default)]
    groups: Vec<String>,
    #[serde(rename = "custom:partner_id", default)]
    partner_id: Option<String>,
}

impl OidcClient {
    pub fn new(settings: OidcSettings) -> Result<OidcClient, String> {
        let settings = settings.checked()?;
        super::jwt_crypto::install();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|e| format!("no TLS root certificates: {e}"))?
            .https_or_http()
            .enable_http1()
            .build();
        let http = Client::builder(TokioExecutor::new()).build(connector);
        Ok(OidcClient { settings, http, keys: RwLock::new(None) })
    }

    pub fn settings(&self) -> &OidcSettings {
        &self.settings
    }

    /// Where the browser goes after signing out here, to end the managed-login session too.
    pub fn logout_url(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("logout_uri", &self.settings.signed_out_url())
            .finish();
        format!("{}/logout?{query}", self.settings.login_url)
    }
}

#[async_trait::async_trait]
impl StaffIdentity for OidcClient {
    /// Managed login, with the PKCE challenge of `verifier`.
    fn authorize_url(&self, state: &str, nonce: &str, verifier: &str) -> String {
        let challenge = URL_SAFE_NO_PAD.encode(<sha2::Sha256 as sha2::Digest>::digest(verifier.as_bytes()));
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("response_type", "code")
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("redirect_uri", &self.settings.callback_url())
            .append_pair("scope", "openid email")
            .append_pair("state", state)
            .append_pair("nonce", nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256")
            .finish();
        format!("{}/oauth2/authorize?{query}", self.settings.login_url)
    }

    /// Redeems the code with the sign-in's verifier and verifies the ID token that comes back.
    /// The refresh token Cognito also returns is revoked at once: the session here is what
    /// keeps a person signed in, and no token outlives it.
    async fn redeem(&self, code: &str, verifier: &str, nonce: &str) -> Result<Caller, SignInRefused> {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "authorization_code")
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("code", code)
            .append_pair("redirect_uri", &self.settings.callback_url())
            .append_pair("code_verifier", verifier)
            .finish();
        let url = format!("{}/oauth2/token", self.settings.login_url);
        let (status, bytes) = self.post_form(&url, body).await.map_err(SignInRefused::Redeem)?;
        if !status.is_success() {
            return Err(SignInRefused::Redeem(format!("token endpoint answered {status}")));
        }
        let answer: TokenAnswer =
            serde_json::from_slice(&bytes).map_err(|_| SignInRefused::Redeem("no ID token in the answer".into()))?;
        let caller = self.verify(&answer.id_token, nonce).await?;
        if let Some(refresh) = answer.refresh_token {
            let body = form_urlencoded::Serializer::new(String::new())
                .append_pair("token", &refresh)
                .append_pair("client_id", &self.settings.client_id)
                .finish();
            let url = format!("{}/oauth2/revoke", self.settings.login_url);
            if let Err(error) = self.post_form(&url, body).await {
                tracing::warn!(%error, "refresh token not revoked (it expires by itself)");
            }
        }
        Ok(caller)
    }
}

impl OidcClient {
    /// The caller an ID token names, if it is genuine, current, for this client and this sign-in.
    pub async fn verify(&self, token: &str, nonce: &str) -> Result<Caller, SignInRefused> {
        let invalid = |why: &str| SignInRefused::InvalidToken(why.to_string());
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid("unreadable header or algorithm"))?;
        if header.alg != Algorithm::RS256 {
            return Err(invalid("not RS256"));
        }
        let kid = header.kid.ok_or_else(|| invalid("no key id"))?;
        let key = self.key(&kid).await?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.settings.issuer]);
        validation.set_audience(&[&self.settings.client_id]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;
        let data = jsonwebtoken::decode::<IdClaims>(token, &key, &validation).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            invalid(match e.kind() {
                ErrorKind::InvalidSignature => "bad signature",
                ErrorKind::ExpiredSignature => "expired",
                ErrorKind::InvalidIssuer => "another issuer",
                ErrorKind::InvalidAudience => "another audience",
                ErrorKind::MissingRequiredClaim(_) => "a required claim is missing",
                _ => "not a valid token",
            })
        })?;
        let claims = data.claims;
        if claims.token_use.as_deref() != Some("id") {
            return Err(invalid("not an ID token"));
        }
        let expected = nonce.as_bytes();
        let given = claims.nonce.as_deref().unwrap_or_default().as_bytes();
        if expected.is_empty() || !bool::from(subtle::ConstantTimeEq::ct_eq(expected, given)) {
            return Err(invalid("another sign-in's nonce"));
        }
        // The claims as the API's authorizer passes them, read by the same function.
        let mut flat = HashMap::from([
            ("sub".to_string(), claims.sub),
            ("cognito:groups".to_string(), format!("[{}]", claims.groups.join(" "))),
        ]);
        if let Some(partner) = claims.partner_id {
            flat.insert(crate::auth::PARTNER_CLAIM.to_string(), partner);
        }
        let caller = crate::auth::caller_from_claims(&flat).map_err(|_| invalid("no subject"))?;
        if caller.roles.is_empty() || (!caller.is_operator() && caller.advocate_of().is_none()) {
            return Err(SignInRefused::NoRole);
        }
        Ok(caller)
    }

    /// The issuer's key `kid`, from the cached key set, read again if it is old or lacks `kid`.
    async fn key(&self, kid: &str) -> Result<DecodingKey, SignInRefused> {
        let find = |set: &JwkSet| set.find(kid).and_then(|jwk| DecodingKey::from_jwk(jwk).ok());
        if let Some((set, fetched)) = self.keys.read().await.as_ref() {
            let fresh = fetched.elapsed() < KEYS_KEPT;
            match find(set) {
                Some(key) if fresh => return Ok(key),
                None if fetched.elapsed() < KEYS_REREAD_AFTER => {
                    return Err(SignInRefused::InvalidToken("unknown key id".into()))
                }
                _ => {}
            }
        }
        let mut cached = self.keys.write().await;
        let url = format!("{}/.well-known/jwks.json", self.settings.issuer);
        let (status, bytes) = self.get(&url).await.map_err(SignInRefused::Redeem)?;
        if !status.is_success() {
            return Err(SignInRefused::Redeem(format!("keys endpoint answered {status}")));
        }
        let set: JwkSet =
            serde_json::from_slice(&bytes).map_err(|_| SignInRefused::Redeem("unreadable keys".into()))?;
        let key = find(&set);
        *cached = Some((set, Instant::now()));
        key.ok_or_else(|| SignInRefused::InvalidToken("unknown key id".into()))
    }

    async fn post_form(&self, url: &str, body: String) -> Result<(axum::http::StatusCode, axum::body::Bytes), String> {
        let request = axum::http::Request::post(url)
            .header(axum::http::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(axum::http::header::ACCEPT, "application/json")
            .body(Full::new(axum::body::Bytes::from(body)))
            .map_err(|e| e.to_string())?;
        self.send(request).await
    }

    async fn get(&self, url: &str) -> Result<(axum::http::StatusCode, axum::body::Bytes), String> {
        let request =
            axum::http::Request::get(url).body(Full::new(axum::body::Bytes::new())).map_err(|e| e.to_string())?;
        self.send(request).await
    }

    async fn send(
        &self,
        request: axum::http::Request<Full<axum::body::Bytes>>,
    ) -> Result<(axum::http::StatusCode, axum::body::Bytes), String> {
        let call = async {
            let response = self.http.request(request).await.map_err(|e| format!("issuer unreachable: {e}"))?;
            let status = response.status();
            let body = response.into_body().collect().await.map_err(|e| format!("answer cut short: {e}"))?;
            Ok((status, body.to_bytes()))
        };
        tokio::time::timeout(ISSUER_TIMEOUT, call).await.map_err(|_| "issuer timed out".to_string())?
    }
}
