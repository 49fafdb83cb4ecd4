//! Who a member of staff is, from the claims of their sign-in token (Cognito's, through API
//! Gateway's JWT authorizer or the console's own sign-in), and the pool's pre-token-generation
//! trigger that puts an advocate's partner into the access token.

use std::collections::HashMap;

use crate::casework::{Caller, StaffRole};

/// A caller from Cognito claims as the HTTP API JWT authorizer passes them: every claim is a
/// string, and `cognito:groups` looks like `[operator lead]`.
pub fn caller_from_claims(claims: &HashMap<String, String>) -> Option<Caller> {
    let user = claims.get("sub").filter(|s| !s.is_empty())?.clone();
    let groups = claims.get("cognito:groups").map(String::as_str).unwrap_or_default();
    let roles: Vec<StaffRole> = groups
        .trim_matches(|c| c == '[' || c == ']')
        .split([' ', ','])
        .map(|g| g.trim_matches('"'))
        .filter_map(StaffRole::parse)
        // A sign-in never makes anyone "the reporter".
        .filter(|role| *role != StaffRole::Reporter)
        .collect();
    let partner_id = claims.get(PARTNER_CLAIM).filter(|p| !p.is_empty()).cloned();
    Some(Caller { user, roles, partner_id })
}

/// The claim naming an advocate's partner organisation, in ID and access tokens alike.
pub const PARTNER_CLAIM: &str = "custom:partner_id";

/// Cognito's pre-token-generation trigger, V2_0 event: adds the user's `custom:partner_id`
/// attribute to the access token (Cognito puts custom attributes in ID tokens only). The rest
/// of the event goes back as it came: groups, scopes and the ID token are left to Cognito (an
/// empty group override would strip every role).
pub fn partner_in_access_token(mut event: serde_json::Value) -> serde_json::Value {
    let partner = event["request"]["userAttributes"][PARTNER_CLAIM].as_str().filter(|p| !p.is_empty());
    if let Some(partner) = partner.map(str::to_string) {
        let details = &mut event["response"]["claimsAndScopeOverrideDetails"];
        details["accessTokenGeneration"]["claimsToAddOrOverride"][PARTNER_CLAIM] = partner.into();
    }
    event
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
        assert!(caller_from_claims(&HashMap::new()).is_none());
    }

    /// A V2_0 pre-token-generation event as Cognito sends it for an advocate's sign-in.
    fn sign_in(attributes: serde_json::Value) -> serde_json::Value {
        serde_json::json!({
            "version": "2",
            "triggerSource": "TokenGeneration_Authentication",
            "region": "eu-west-2",
            "userPoolId": "eu-west-2_example",
            "userName": "c3",
            "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "client"},
            "request": {
                "userAttributes": attributes,
                "groupConfiguration": {"groupsToOverride": ["advocate"], "iamRolesToOverride": [], "preferredRole": null},
                "scopes": ["aws.cognito.signin.user.admin"]
            },
            "response": {"claimsAndScopeOverrideDetails": null}
        })
    }

    #[test]
    fn an_advocates_access_token_names_their_partner() {
        let event =
            sign_in(serde_json::json!({"sub": "c3", "email": "a@example.org", "custom:partner_id": "example-london"}));
        let answer = partner_in_access_token(event.clone());
        let details = &answer["response"]["claimsAndScopeOverrideDetails"];
        let added = &details["accessTokenGeneration"]["claimsToAddOrOverride"];
        assert_eq!(added, &serde_json::json!({"custom:partner_id": "example-london"}));
        assert!(details.get("groupOverrideDetails").is_none(), "groups are left to Cognito");
        assert_eq!(answer["request"], event["request"]);

        // The access token the JWT authorizer then passes on: no `aud`, no email, the partner.
        let mut claims = HashMap::from([
            ("sub".to_string(), "c3".to_string()),
            ("token_use".to_string(), "access".to_string()),
            ("client_id".to_string(), "client".to_string()),
            ("scope".to_string(), "aws.cognito.signin.user.admin".to_string()),
            ("cognito:groups".to_string(), "[advocate]".to_string()),
        ]);
        for (claim, value) in added.as_object().unwrap() {
            claims.insert(claim.clone(), value.as_str().unwrap().to_string());
        }
        assert_eq!(caller_from_claims(&claims).unwrap().advocate_of(), Some("example-london"));

        // Staff without a partner get their tokens unchanged.
        let operator = sign_in(serde_json::json!({"sub": "a1", "email": "o@example.org"}));
        assert_eq!(partner_in_access_token(operator.clone()), operator);
    }
}
