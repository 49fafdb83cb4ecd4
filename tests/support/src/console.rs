//! Signing in to the staff console in tests, as a person does with the local sign-in page.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

/// A console session of a local user (`operator.local`, `lead.local`, `advocate.<partner>`),
/// signed in through the local sign-in page as a browser would: its cookie header and
/// anti-forgery token.
pub async fn local_session(router: &axum::Router, user: &str) -> (String, String) {
    let cookie_of = |response: &axum::response::Response, name: &str| {
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
            .find(|c| c.starts_with(name))
            .unwrap()
    };
    let page = router.clone().oneshot(Request::get("/staff/sign-in").body(Body::empty()).unwrap()).await.unwrap();
    let sign_in = cookie_of(&page, "__Host-oys-sign-in=");
    let body = String::from_utf8(axum::body::to_bytes(page.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    let value = |body: &str, name: &str| {
        body.split(&format!("name=\"{name}\" value=\"")).nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    let token = value(&body, "token");
    assert!(body.contains(&format!(">{user} ")), "{user} is not a local user the sign-in page lists");
    let label = body.split(&format!(">{user} ")).next().unwrap().rsplit("for=\"user-").next().unwrap();
    let index = label.split('"').next().unwrap();
    let form = format!("token={token}&user={index}&return_to=/staff/queue");
    let request = Request::post("/staff/sign-in")
        .header("cookie", &sign_in)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(form))
        .unwrap();
    let signed_in = router.clone().oneshot(request).await.unwrap();
    let session = cookie_of(&signed_in, "__Host-oys-staff=");
    let queue =
        router.clone().oneshot(Request::get("/staff/queue").header("cookie", &session).body(Body::empty()).unwrap());
    let queue = queue.await.unwrap();
    assert_eq!(queue.status(), StatusCode::OK);
    let body = String::from_utf8(axum::body::to_bytes(queue.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
    (session, value(&body, "csrf"))
}
