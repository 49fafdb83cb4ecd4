//! Who is calling. In AWS the operator API sits behind an API Gateway JWT authorizer backed by
//! Cognito: the function trusts only the claims the authorizer put in the request context
//! (`sub`, `cognito:groups`, `custom:partner_id`), never a header it could be sent directly.
//! Locally the runner emulates that authorizer with configured users and bearer tokens.

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

/// A caller from Cognito claims as the HTTP API JWT authorizer passes them: every claim is a
/// string, and `cognito:groups` looks like `[operator lead]`.
pub fn caller_from_claims(claims: &HashMap<String, String>) -> Result<Caller, AuthError> {
    let user = claims.get("sub").filter(|s| !s.is_empty()).ok_or(AuthError::Unauthenticated)?.clone();
    let groups = claims.get("cognito:groups").map(String::as_str).unwrap_or_default();
    let roles: Vec<StaffRole> = groups
        .trim_matches(|c| c == '[' || c == ']')
        .split([' ', ','])
        .map(|g| g.trim_matches('"'))
        .filter_map(StaffRole::parse)
        // A sign-in never makes anyone "the reporter".
        .filter(|role| *role != StaffRole::Reporter)
        .collect();
    let partner_id = claims.get("custom:partner_id").filter(|p| !p.is_empty()).cloned();
    Ok(Caller { user, roles, partner_id })
}

/// The local users: one operator, one lead, one advocate per partner. Tokens are printed by
/// the runner and documented in the README; they exist only on the local runner.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognito_groups_become_roles() {
        let claims = HashMap::from([
            ("sub".to_string(), "a1b2".to_string()),
            ("cognito:groups".to_string(), "[operator lead]".to_string()),
        ]);
        let caller = caller_from_claims(&claims).unwrap();
        assert_eq!(caller.roles, vec![StaffRole::Operator, StaffRole::Lead]);
        let advocate = HashMap::from([
            ("sub".to_string(), "c3".to_string()),
            ("cognito:groups".to_string(), "[advocate]".to_string()),
            ("custom:partner_id".to_string(), "example-london".to_string()),
        ]);
        assert_eq!(caller_from_claims(&advocate).unwrap().advocate_of(), Some("example-london"));
        let stranger = HashMap::from([
            ("sub".to_string(), "d4".to_string()),
            ("cognito:groups".to_string(), "[admins]".to_string()),
        ]);
        assert!(caller_from_claims(&stranger).unwrap().roles.is_empty());
        assert!(caller_from_claims(&HashMap::new()).is_err());
    }
}
