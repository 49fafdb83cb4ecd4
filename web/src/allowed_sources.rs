//! The operator API's address allow-list (`OPERATOR_ALLOWED_CIDRS`). An HTTP API takes no WAF
//! web ACL, so the function checks the caller's address itself, from the source IP API Gateway
//! puts in the request context (a header could be forged). Default: every address.
//!
//! It keeps a stolen staff token from being used outside the listed networks. It runs after API
//! Gateway's JWT authorizer and throttle, so it cannot stop a flood of unauthenticated requests
//! using up the operator API's throttle; the two APIs' allowances are separate either way.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ipnet::IpNet;

use super::ApiError;

/// The networks callers may come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedSources(Vec<IpNet>);

impl AllowedSources {
    /// Every address (what `0.0.0.0/0,::/0` parses to).
    pub fn everyone() -> Self {
        AllowedSources(vec!["0.0.0.0/0".parse().unwrap(), "::/0".parse().unwrap()])
    }

    /// A comma-separated list of CIDR blocks, e.g. `203.0.113.0/24, 2001:db8::/32`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let blocks: Vec<&str> = list.split(',').map(str::trim).filter(|b| !b.is_empty()).collect();
        if blocks.is_empty() {
            return Err("no CIDR block: give at least one, 0.0.0.0/0,::/0 to allow every address".to_string());
        }
        blocks
            .into_iter()
            .map(|block| {
                block.parse::<IpNet>().map_err(|_| format!("`{block}` is not a CIDR block such as 203.0.113.0/24"))
            })
            .collect::<Result<_, _>>()
            .map(AllowedSources)
    }

    fn allows_everyone(&self) -> bool {
        let any_v4 = self.0.iter().any(|net| matches!(net, IpNet::V4(n) if n.prefix_len() == 0));
        let any_v6 = self.0.iter().any(|net| matches!(net, IpNet::V6(n) if n.prefix_len() == 0));
        any_v4 && any_v6
    }

    fn allows(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }
}

/// The caller's address as API Gateway saw it, if the request came through API Gateway.
fn source_ip(request: &Request) -> Option<IpAddr> {
    super::gateway_source_ip(request.extensions())?.parse().ok()
}

/// Refuses (403) a request from outside the allowed networks, or with no source address when
/// the list is narrower than everyone. The address is not logged: it can identify a person.
pub async fn only_allowed_sources(
    State(allowed): State<Arc<AllowedSources>>,
    request: Request,
    next: Next,
) -> Response {
    let permitted = allowed.allows_everyone() || source_ip(&request).is_some_and(|ip| allowed.allows(ip));
    if !permitted {
        tracing::warn!("operator request refused: source address not on the allow-list");
        return ApiError::Forbidden.into_response();
    }
    next.run(request).await
}

/// `router` answering only callers from `allowed`.
pub fn restrict(router: axum::Router, allowed: AllowedSources) -> axum::Router {
    router.layer(axum::middleware::from_fn_with_state(Arc::new(allowed), only_allowed_sources))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::StatusCode;
    use lambda_http::aws_lambda_events::apigw::ApiGatewayV2httpRequestContext;
    use lambda_http::request::RequestContext;
    use tower::ServiceExt;

    async fn status(allowed: &str, source: Option<&str>) -> StatusCode {
        let router = axum::Router::new().route("/v1/cases", axum::routing::get(|| async { "cases" }));
        let router = restrict(router, AllowedSources::parse(allowed).unwrap());
        let mut request = Request::get("/v1/cases").body(Body::empty()).unwrap();
        if let Some(source) = source {
            let mut context = ApiGatewayV2httpRequestContext::default();
            context.http.source_ip = Some(source.to_string());
            request.extensions_mut().insert(RequestContext::ApiGatewayV2(context));
        }
        router.oneshot(request).await.unwrap().status()
    }

    #[tokio::test]
    async fn only_listed_networks_reach_the_operator_routes() {
        let office = "203.0.113.0/24, 2001:db8::/32";
        assert_eq!(status(office, Some("203.0.113.7")).await, StatusCode::OK);
        assert_eq!(status(office, Some("2001:db8::1")).await, StatusCode::OK);
        assert_eq!(status(office, Some("198.51.100.7")).await, StatusCode::FORBIDDEN);
        assert_eq!(status(office, Some("2001:db9::1")).await, StatusCode::FORBIDDEN);
        // Narrowed, a request without API Gateway's source address is refused, not waved through.
        assert_eq!(status(office, None).await, StatusCode::FORBIDDEN);
        // The default lets everyone in, the local runner's requests (no context) too.
        assert_eq!(status("0.0.0.0/0,::/0", Some("198.51.100.7")).await, StatusCode::OK);
        assert_eq!(status("0.0.0.0/0,::/0", None).await, StatusCode::OK);
        assert_eq!(AllowedSources::parse("0.0.0.0/0,::/0").unwrap(), AllowedSources::everyone());
    }

    #[test]
    fn a_bad_list_is_refused_naming_the_bad_block() {
        assert!(AllowedSources::parse(" , ").unwrap_err().contains("at least one"));
        assert!(AllowedSources::parse("203.0.113.0/24, office").unwrap_err().contains("`office`"));
        assert!(AllowedSources::parse("203.0.113.7/33").is_err());
    }
}
