//! Who is calling. In AWS the operator API sits behind an API Gateway JWT authorizer backed by
//! Cognito: the function trusts only the claims the authorizer put in the request context
//! (`sub`, `cognito:groups`, `custom:partner_id`), never a header it could be sent directly.
//! Locally the runner emulates that authorizer with configured users and bearer tokens.
//!
//! An advocate's partner is the `custom:partner_id` claim: Cognito writes the user attribute
//! into ID tokens, and the pool's pre-token-generation trigger (`partner_in_access_token`)
//! writes the same claim into access tokens, so either token works as the bearer token.

use std::collections::HashMap;

use axum::http::request::Parts;
use lambda_http::request::RequestContext;

use oys_shared::casework::{Caller, StaffRole};

#[derive(Clone, Debug)]
pub enum Authenticator {
    /// The operator API in AWS: claims of the API Gateway JWT authorizer.
    ApiGatewayJwt,
    /// The local runner: bearer token → user.
    LocalTokens(HashMap<String, Caller>),
}

#[derive(Debug, PartialEq, Eq)]
pub enum AuthError {
    /// No usable credentials.
    Unauthenticated,
}

impl Authenticator {
    /// The caller, `None` for an anonymous request, or an error for credentials that do not
    /// identify anyone (a wrong token is never treated as anonymous).
    pub fn caller(&self, parts: &Parts) -> Result<Option<Caller>, AuthError> {
        let bearer = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .map(|v| v.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim));
        match self {
            Authenticator::LocalTokens(users) => match bearer {
                None => Ok(None),
                Some(Some(token)) => users.get(token).cloned().map(Some).ok_or(AuthError::Unauthenticated),
                Some(None) => Err(AuthError::Unauthenticated),
            },
            Authenticator::ApiGatewayJwt => {
                let claims = match parts.extensions.get::<RequestContext>() {
                    Some(RequestContext::ApiGatewayV2(context)) => {
                        context.authorizer.as_ref().and_then(|a| a.jwt.as_ref()).map(|jwt| &jwt.claims)
                    }
                    _ => None,
                };
                match claims {
                    Some(claims) => caller_from_claims(claims).map(Some),
                    None if bearer.is_none() => Ok(None),
                    None => Err(AuthError::Unauthenticated),
                }
            }
        }
    }
}

/// A caller from Cognito claims as the HTTP API JWT authorizer passes them
/// (`oys_shared::claims` holds the rule).
pub fn caller_from_claims(claims: &HashMap<String, String>) -> Result<Caller, AuthError> {
    oys_shared::claims::caller_from_claims(claims).ok_or(AuthError::Unauthenticated)
}

pub use oys_shared::claims::PARTNER_CLAIM;

/// The local users as the console's local sign-in lists them: operators first, then leads,
/// then each partner's advocate.
pub fn local_sign_in_list(users: &HashMap<String, Caller>) -> Vec<Caller> {
    let mut listed: Vec<Caller> = users.values().cloned().collect();
    listed.sort_by_key(|caller| (caller.main_role(), caller.user.clone()));
    listed
}

/// The local users: one operator, one lead, one advocate per partner. Tokens are printed by
/// the runner and documented in docs/using.md; they exist only on the local runner.
pub fn local_users(partner_ids: &[String]) -> HashMap<String, Caller> {
    let mut users = HashMap::from([
        (
            "local-operator-token".to_string(),
            Caller { user: "operator.local".into(), roles: vec![StaffRole::Operator], partner_id: None },
        ),
        (
            "local-lead-token".to_string(),
            Caller { user: "lead.local".into(), roles: vec![StaffRole::Operator, StaffRole::Lead], partner_id: None },
        ),
    ]);
    for partner in partner_ids {
        users.insert(
            format!("local-advocate-{partner}-token"),
            Caller {
                user: format!("advocate.{partner}"),
                roles: vec![StaffRole::Advocate],
                partner_id: Some(partner.clone()),
            },
        );
    }
    users
}
